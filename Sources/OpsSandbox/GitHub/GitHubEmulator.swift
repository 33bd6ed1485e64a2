import OpsCore

/// The GitHub REST API subset the connectors use, mounted at `/github` (docs/services/github.md):
/// labels, classic branch protection, repository metadata, refs, contents, pull requests with
/// their reviews and merges, issue comments and the repository activity log; `/_sandbox/…`
/// submits reviews, pushes and merges as any login (`SandboxControlRoutes`).
///
/// Like api.github.com it rejects requests without a `User-Agent` (403) or without a bearer
/// token (401), puts `x-ratelimit-*` headers on every response, pages with `Link` headers and
/// answers unknown routes and wrong methods with 404. Any non-empty token is accepted, and any
/// owner/repo exists on first use with an empty `main` branch.
package struct GitHubEmulator: ServiceEmulator {
    package let scope = "github"
    /// API versions a request may name in `X-GitHub-Api-Version`.
    static let supportedVersions: Set<String> = ["2022-11-28", "2026-03-10"]

    /// 5,000 requests an hour for a token, 60 for anonymous callers, in GitHub's header names.
    private let rateLimiter = WindowedRateLimiter(
        windowSeconds: 3600, limitWithToken: 5000, limitWithoutToken: 60,
        headerNames: RateLimitHeaderNames(
            limit: "x-ratelimit-limit", remaining: "x-ratelimit-remaining", reset: "x-ratelimit-reset", used: "x-ratelimit-used",
            resource: .init(header: "x-ratelimit-resource", name: "core")))

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        let credential = Self.credential(request)
        let snapshot = rateLimiter.record(token: credential.value)
        let version = request.headers["X-GitHub-Api-Version"] ?? "2022-11-28"
        var response = respond(request, credential: credential, version: version, state: state, snapshot: snapshot)
        response = response.adding(rateLimiter.headers(snapshot))
        return decorate(response, version: version)
    }

    /// GitHub's envelope for injected faults. A 429 is a secondary rate limit (exhausted
    /// `x-ratelimit-*` resetting in a second, plus `retry-after: 1`); a 403 is GitHub's other
    /// form of the primary limit (the same headers without `retry-after`, so a client must fall
    /// back to `x-ratelimit-reset`); other statuses are plain `basic-error`s.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        let version = request.headers["X-GitHub-Api-Version"] ?? "2022-11-28"
        let response: HTTPResponse
        switch error.status {
        case 429, 403:
            response = Errors.basic(error.status, "API rate limit exceeded for user ID 1.", docs: Docs.rateLimit)
                .adding(exhaustedHeaders(retryAfter: error.status == 429))
        default:
            var extra = rateLimiter.headers(rateLimiter.record(token: Self.credential(request).value))
            if let seconds = error.retryAfterSeconds { extra.set("retry-after", String(seconds)) }
            let message = error.status == 500 ? "Server Error" : error.message
            response = Errors.basic(error.status, message, docs: Docs.root).adding(extra)
        }
        return decorate(response, version: version)
    }

    /// An exhausted window that resets in a second, for injected rate limits: a client that
    /// honours either `retry-after` or `x-ratelimit-reset` waits about one second.
    private func exhaustedHeaders(retryAfter: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders(retryAfter ? [("retry-after", "1")] : [])
        for field in rateLimiter.exhaustedHeaders(reset: rateLimiter.now() + 1) { headers.add(field.name, field.value) }
        return headers
    }

    /// GitHub takes `Bearer <token>` and `token <token>`.
    private static func credential(_ request: EmulatorRequest) -> BearerToken {
        BearerToken(request, schemes: ["bearer", "token"])
    }

    private func decorate(_ response: HTTPResponse, version: String) -> HTTPResponse {
        response.adding(HTTPHeaders([
            ("x-github-media-type", "github.v3; format=json"),
            ("x-github-api-version-selected", Self.supportedVersions.contains(version) ? version : "2022-11-28"),
            ("x-github-request-id", "SANDBOX:\(String(UInt32.random(in: 0...UInt32.max), radix: 16, uppercase: true))"),
        ]))
    }

    private func respond(_ request: EmulatorRequest, credential: BearerToken, version: String, state: SandboxStateStore, snapshot: WindowedRateLimiter.Snapshot) -> HTTPResponse {
        // The sandbox's own controls stand in for people on github.com: no token, no edge rules.
        let segments = request.segments
        if let segments, segments.first == "_sandbox" {
            return SandboxControlRoutes.handle(request, segments: segments, state: state, scope: scope)
        }
        // GitHub's edge refuses requests without a User-Agent before anything else, in plain text.
        guard let agent = request.headers["User-Agent"], !agent.trimmingOWS.isEmpty else {
            return .text(403, """
                Request forbidden by administrative rules. Please make sure your request has a User-Agent header \
                (\(Docs.userAgent)). Check https://developer.github.com for other possible causes.

                """)
        }
        if let refusal = credential.refusal(
            missing: Errors.basic(401, "Requires authentication", docs: Docs.root),
            malformed: Errors.basic(401, "Bad credentials", docs: Docs.root)
        ) {
            return refusal
        }
        guard Self.supportedVersions.contains(version) else {
            return Errors.basic(400, "API version \(version) is not supported.", docs: Docs.apiVersions)
        }
        guard let segments else { return Errors.notFound().response }

        if segments == ["rate_limit"] && request.method == "GET" {
            let figures: JSONValue = [
                "limit": .int(snapshot.limit), "remaining": .int(snapshot.remaining), "reset": .int(snapshot.reset),
                "used": .int(snapshot.used), "resource": "core",
            ]
            return .json(200, ["resources": ["core": figures], "rate": figures])
        }
        guard segments.count >= 3, segments[0] == "repos", Self.isValidName(segments[1]), Self.isValidName(segments[2]) else {
            return Errors.notFound().response
        }
        return state.transactionOnCopy(State.self, scope: scope) { github throws(RouteFailure) in
            try dispatch(request, owner: segments[1], name: segments[2], rest: Array(segments.dropFirst(3)), &github)
        } unsaved: { error in
            Errors.basic(500, "The sandbox could not save its state: \(error.message)", docs: Docs.root)
        }
    }

    private func dispatch(_ request: EmulatorRequest, owner: String, name: String, rest: [String], _ github: inout State) throws(RouteFailure) -> HTTPResponse {
        let repository = github.repository(owner: owner, name: name)
        let context = RouteContext(request: request, links: Links(api: request.mountURL, repository: repository))
        let method = request.method
        guard let head = rest.first else {
            if method == "GET" { return RepositoryRoutes.get(context, repository) }
            throw Errors.notFound()
        }
        switch (head, rest.count, method) {
        case ("labels", 1, "GET"): return LabelRoutes.list(context, repository)
        case ("labels", 1, "POST"): return try LabelRoutes.create(context, repository, &github)
        case ("labels", 2, "GET"): return try LabelRoutes.get(context, repository, name: rest[1])
        case ("labels", 2, "PATCH"): return try LabelRoutes.update(context, repository, &github, name: rest[1])
        case ("labels", 2, "DELETE"): return try LabelRoutes.delete(repository, &github, name: rest[1])
        case ("branches", 3..., _) where rest.last == "protection":
            // Branch names may contain slashes; everything between `branches` and `protection`.
            let branch = rest[1..<(rest.count - 1)].joined(separator: "/")
            switch method {
            case "GET": return try BranchProtectionRoutes.get(context, repository, branch: branch)
            case "PUT": return try BranchProtectionRoutes.put(context, repository, &github, branch: branch)
            case "DELETE": return try BranchProtectionRoutes.delete(repository, &github, branch: branch)
            default: throw Errors.notFound()
            }
        case ("git", 3..., "GET") where rest[1] == "ref":
            return try GitRefRoutes.get(context, repository, ref: rest[2...].joined(separator: "/"))
        case ("git", 2, "POST") where rest[1] == "refs":
            return try GitRefRoutes.create(context, repository, &github)
        case ("contents", _, "GET"):
            return try ContentsRoutes.get(context, repository, path: rest.dropFirst().joined(separator: "/"))
        case ("contents", 2..., "PUT"):
            return try ContentsRoutes.put(context, repository, &github, path: rest.dropFirst().joined(separator: "/"))
        case ("pulls", 1, "GET"): return PullRequestRoutes.list(context, repository)
        case ("pulls", 1, "POST"): return try PullRequestRoutes.create(context, repository, &github)
        case ("pulls", 2, "GET"): return try PullRequestRoutes.get(context, repository, number: rest[1])
        case ("pulls", 3, "PUT") where rest[2] == "merge": return try PullRequestRoutes.merge(context, repository, &github, number: rest[1])
        case ("pulls", 3, "GET") where rest[2] == "reviews": return try ReviewRoutes.list(context, repository, number: rest[1])
        case ("pulls", 3, "POST") where rest[2] == "reviews": return try ReviewRoutes.create(context, repository, &github, number: rest[1])
        case ("pulls", 5, "PUT") where rest[2] == "reviews" && rest[4] == "dismissals":
            return try ReviewRoutes.dismiss(context, repository, &github, number: rest[1], reviewID: rest[3])
        case ("issues", 3, "GET") where rest[2] == "comments": return try IssueCommentRoutes.list(context, repository, number: rest[1])
        case ("issues", 3, "POST") where rest[2] == "comments": return try IssueCommentRoutes.create(context, repository, &github, number: rest[1])
        case ("issues", 3, "GET") where rest[1] == "comments": return try IssueCommentRoutes.get(context, repository, id: rest[2])
        case ("issues", 3, "PATCH") where rest[1] == "comments": return try IssueCommentRoutes.update(context, repository, &github, id: rest[2])
        case ("activity", 1, "GET"): return try ActivityRoutes.list(context, repository)
        default: throw Errors.notFound()
        }
    }

    /// GitHub owner and repository names: letters, digits, `-`, `_` and `.`.
    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 100 && name.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
