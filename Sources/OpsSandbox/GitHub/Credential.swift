extension GitHubEmulator {
    /// What the `Authorization` header holds: GitHub takes `Bearer <token>` and `token <token>`.
    enum Credential: Equatable {
        case missing
        case malformed
        case token(String)

        init(_ header: String?) {
            guard let header else {
                self = .missing
                return
            }
            let parts = header.trimmingOWS.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else {
                self = .malformed
                return
            }
            let token = parts[1].trimmingOWS
            self = token.isEmpty ? .malformed : .token(token)
        }

        var token: String? {
            if case .token(let value) = self { return value }
            return nil
        }
    }
}
