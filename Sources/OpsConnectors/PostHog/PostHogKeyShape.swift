/// The shapes of PostHog keys, judged before anything is sent: project API keys are `phc_`,
/// personal API keys `phx_`, each followed by letters, digits and `_` (43 of them in keys seen
/// so far; opsctl asks for at least 20 so a future length does not fail the audit).
enum PostHogKeyShape: Equatable {
    case projectKey
    case personalKey
    case malformed

    static let minimumBodyLength = 20

    init(_ key: String) {
        let body = key.dropFirst(4)
        let wellFormed = body.count >= Self.minimumBodyLength && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        switch (key.prefix(4), wellFormed) {
        case ("phc_", true): self = .projectKey
        case ("phx_", true): self = .personalKey
        default: self = .malformed
        }
    }
}
