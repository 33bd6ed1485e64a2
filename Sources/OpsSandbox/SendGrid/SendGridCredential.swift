extension SendGridEmulator {
    /// The API key of a request, `Authorization: Bearer SG.…`.
    ///
    /// Sandbox rule for scopes (docs/sandbox.md, "SendGrid"): a key may use every endpoint,
    /// except that one whose part after `SG.` starts with `nowhitelabel` lacks the
    /// `whitelabel.*` scopes (authenticated domains) and one starting with `nosenders` lacks the
    /// verified senders scopes. Those get SendGrid's 403.
    struct Credential: Sendable, Equatable {
        enum Area: Sendable {
            case whitelabel, senders
        }

        var key: String

        static func read(_ request: EmulatorRequest) -> Result<Credential, RouteFailure> {
            switch BearerToken(request) {
            case .missing: return .failure(Errors.failure(401, "authorization required"))
            case .malformed: return .failure(Errors.failure(401, "authorization required"))
            case .valid(let key):
                guard key.hasPrefix("SG."), key.count > 3 else {
                    return .failure(Errors.failure(401, "The provided authorization grant is invalid, expired, or revoked"))
                }
                return .success(Credential(key: key))
            }
        }

        func refusal(_ area: Area) -> RouteFailure? {
            let rest = key.dropFirst(3)
            let denied = switch area {
            case .whitelabel: rest.hasPrefix("nowhitelabel")
            case .senders: rest.hasPrefix("nosenders")
            }
            return denied ? Errors.failure(403, "access forbidden") : nil
        }
    }
}
