import OpsCore

/// The GitHub Actions runner's OIDC token endpoint, mounted at `/oidc` (docs/sandbox.md,
/// "GitHub Actions OIDC"): point `ACTIONS_ID_TOKEN_REQUEST_URL` at `<sandbox>/oidc/token` and
/// set `ACTIONS_ID_TOKEN_REQUEST_TOKEN` to anything; `GET …?audience=X` with that bearer
/// answers `{"count": …, "value": "<JWT>"}` whose `aud` is `X`, issued by
/// `https://token.actions.githubusercontent.com` for `Options.subject`.
package struct ActionsOIDCEmulator: ServiceEmulator {
    package static let issuer = "https://token.actions.githubusercontent.com"

    package struct Options: Sendable {
        package var subject: String
        /// Seconds the token is valid; negative makes expired tokens for tests.
        package var lifetime: Int

        package init(subject: String = "repo:autorisen/app:ref:refs/heads/main", lifetime: Int = 600) {
            self.subject = subject
            self.lifetime = lifetime
        }
    }

    package let scope = "oidc"
    let options: Options

    package init(options: Options = Options()) {
        self.options = options
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        guard request.method == "GET", request.segments == ["token"] else {
            return .json(404, ["message": "Not Found"])
        }
        guard BearerToken(request).value != nil else {
            return .json(401, ["message": "Unauthorized: a bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN is required"])
        }
        let now = SandboxTimestamp.now().epochSeconds
        let repository = options.subject.split(separator: ":").dropFirst().first.map(String.init) ?? "autorisen/app"
        let owner = repository.split(separator: "/").first.map(String.init) ?? "autorisen"
        let audience = request.query["audience"] ?? "https://github.com/\(owner)"
        let claims: JSONValue = [
            "iss": .string(Self.issuer), "aud": .string(audience), "sub": .string(options.subject),
            "repository": .string(repository), "repository_owner": .string(owner), "ref": "refs/heads/main",
            "iat": .int(now), "nbf": .int(now - 5), "exp": .int(now + options.lifetime),
        ]
        return .json(200, ["count": 1, "value": .string(SandboxJWT.make(claims: claims))])
    }
}
