import Foundation
import OpsCore

/// The GitHub calls that deliver one file through a pull request (docs/services/github.md, "Pull
/// request delivery"): read the default branch and its head, create a branch, commit a file to it
/// with the contents API, and open (or find) the pull request. Each call answers one question; the
/// order and the recovery rules live in `MigrationPublisher`.
extension GitHubAPI {
    /// `/repos/{owner}/{repo}`; `GitHubAPI`'s own copy is private to its file.
    private var pullRequestRepoPath: String { "/repos/\(PathSegment.encode(owner))/\(PathSegment.encode(repo))" }

    /// `GET /repos/{o}/{r}` → `default_branch`.
    func defaultBranch() async throws -> String {
        try await client.send(.get(pullRequestRepoPath)).decodeJSON(GitHubRepositoryBody.self).default_branch
    }

    /// The commit a branch points at, or nil when the branch does not exist.
    /// `GET /git/ref/heads/{branch}`: singular `ref`, and the branch's slashes stay slashes.
    func branchHead(_ branch: String) async throws -> String? {
        var request = ServiceRequest.get("\(pullRequestRepoPath)/git/ref/heads/\(Self.encodePath(branch))")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return try response.decodeJSON(GitHubRefBody.self).object.sha
    }

    /// `POST /git/refs`. GitHub answers 422 "Reference already exists" for a taken name; that
    /// is an outcome the caller decides about, not a failure.
    func createBranch(_ branch: String, at sha: String) async throws -> GitHubBranchCreation {
        var request = ServiceRequest.json(
            "POST", "\(pullRequestRepoPath)/git/refs", body: ["ref": .string("refs/heads/\(branch)"), "sha": .string(sha)])
        request.acceptedStatuses = [422]
        let response = try await client.send(request)
        guard response.status == 422 else { return .created }
        let message = VendorErrorMessage.extract(from: response.body, headers: response.headers, redactor: client.redactor)
        // GitHub does not document the exact wording; it has said "Reference already exists"
        // for years.
        if message?.lowercased().contains("already exists") == true { return .alreadyExists }
        throw HTTPClientError.status(response.context, status: response.status, attempts: response.attempts, message: message)
    }

    /// The file at `path` on `ref`, or nil when there is none.
    func file(at path: String, ref: String) async throws -> GitHubFile? {
        var request = ServiceRequest.get("\(pullRequestRepoPath)/contents/\(Self.encodePath(path))?ref=\(ServiceRequest.encodeQueryComponent(ref))")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        let body = try response.decodeJSON(GitHubContentBody.self)
        // GitHub wraps base64 at 60 columns; Foundation's decoder refuses the line breaks.
        let compact = String(String.UnicodeScalarView((body.content ?? "").unicodeScalars.filter { $0 != "\n" && $0 != "\r" }))
        guard body.type == "file", body.encoding == nil || body.encoding == "base64", let data = Data(base64Encoded: compact) else {
            throw HTTPClientError.undecodableBody(
                response.context, status: response.status, reason: "expected a base64-encoded file at \(path)")
        }
        return GitHubFile(path: path, sha: body.sha, content: Array(data))
    }

    /// Commits a new file to `branch` (`PUT /contents/{path}` without `sha`, so an existing
    /// file is never overwritten) and returns the commit's SHA.
    func createFile(at path: String, branch: String, content: [UInt8], message: String) async throws -> String {
        let body: JSONValue = [
            "message": .string(message),
            "content": .string(Data(content).base64EncodedString()),
            "branch": .string(branch),
        ]
        let response = try await client.send(.json("PUT", "\(pullRequestRepoPath)/contents/\(Self.encodePath(path))", body: body))
        return try response.decodeJSON(GitHubContentWriteBody.self).commit.sha
    }

    /// `POST /pulls`. A 422 (a pull request for the branch already exists, no commits between
    /// the branches) comes back as `.rejected` with GitHub's reason, for the caller to judge.
    func createPullRequest(title: String, head: String, base: String, body: String) async throws -> GitHubPullRequestCreation {
        var request = ServiceRequest.json(
            "POST", "\(pullRequestRepoPath)/pulls",
            body: [
                "title": .string(title), "head": .string(head), "base": .string(base), "body": .string(body),
                "draft": false, "maintainer_can_modify": false,
            ])
        request.acceptedStatuses = [422]
        let response = try await client.send(request)
        if response.status == 422 {
            let message = VendorErrorMessage.extract(from: response.body, headers: response.headers, redactor: client.redactor)
            return .rejected(message: message ?? "Validation Failed")
        }
        return .created(GitHubPullRequestSummary(try response.decodeJSON(GitHubPullBody.self)))
    }

    /// Open pull requests, every page; with `head`, only those from that branch of this
    /// repository (GitHub filters on `owner:branch`).
    func openPullRequests(head: String? = nil) async throws -> [GitHubPullRequestSummary] {
        var target = "\(pullRequestRepoPath)/pulls?state=open&per_page=100"
        if let head { target += "&head=\(ServiceRequest.encodeQueryComponent("\(owner):\(head)"))" }
        var pulls: [GitHubPullRequestSummary] = []
        for try await page in client.paginateLinks(.get(target)) {
            pulls += try page.decodeJSON([GitHubPullBody].self).map(GitHubPullRequestSummary.init)
        }
        return pulls
    }

    /// Percent-encodes each segment of a slash-separated path (a file path, a branch name).
    private static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { PathSegment.encode(String($0)) }.joined(separator: "/")
    }
}

/// What `POST /git/refs` did.
enum GitHubBranchCreation: Sendable, Equatable {
    case created
    /// A branch of that name exists already (GitHub's 422 "Reference already exists").
    case alreadyExists
}

/// What `POST /pulls` did.
enum GitHubPullRequestCreation: Sendable, Equatable {
    case created(GitHubPullRequestSummary)
    /// GitHub's 422 and its reason.
    case rejected(message: String)
}

/// A file read through the contents API, decoded.
struct GitHubFile: Sendable, Equatable {
    var path: String
    /// The blob SHA, needed to update the file.
    var sha: String
    var content: [UInt8]
}

/// A pull request as opsctl reports it.
struct GitHubPullRequestSummary: Sendable, Equatable {
    var number: Int
    var htmlURL: String
    var title: String
    var headRef: String
    var baseRef: String

    init(number: Int, htmlURL: String, title: String, headRef: String, baseRef: String) {
        self.number = number
        self.htmlURL = htmlURL
        self.title = title
        self.headRef = headRef
        self.baseRef = baseRef
    }

    init(_ body: GitHubPullBody) {
        self.init(number: body.number, htmlURL: body.html_url, title: body.title ?? "", headRef: body.head.ref, baseRef: body.base.ref)
    }
}

// MARK: - Wire shapes (docs/services/github.md), as far as opsctl reads them

struct GitHubRepositoryBody: Decodable, Sendable {
    var default_branch: String
}

struct GitHubRefBody: Decodable, Sendable {
    struct Object: Decodable, Sendable {
        var sha: String
    }

    var ref: String
    var object: Object
}

struct GitHubContentBody: Decodable, Sendable {
    var type: String
    var sha: String
    var content: String?
    var encoding: String?
}

struct GitHubContentWriteBody: Decodable, Sendable {
    struct Commit: Decodable, Sendable {
        var sha: String
    }

    var commit: Commit
}

struct GitHubPullBody: Decodable, Sendable {
    struct Side: Decodable, Sendable {
        var ref: String
    }

    var number: Int
    var html_url: String
    var title: String?
    var head: Side
    var base: Side
}
