/// Where `--notify` sends a run's summary: the Slack approval channel, or a webhook URL that
/// receives the signed JSON document (docs/notifications.md).
package enum NotificationTarget: Sendable, Hashable, CustomStringConvertible {
    case slack
    case webhook(url: String)

    /// Why a `--notify` value was refused, as one sentence.
    package struct ParseProblem: Error, Sendable, Equatable {
        package var reason: String
    }

    /// `slack` or `webhook:https://…` (http or https, with a host).
    package static func parse(_ text: String) -> Result<NotificationTarget, ParseProblem> {
        if text == "slack" { return .success(.slack) }
        guard text.hasPrefix("webhook:") else {
            return .failure(ParseProblem(reason: "expected 'slack' or 'webhook:URL'"))
        }
        let url = String(text.dropFirst("webhook:".count))
        let lowered = url.lowercased()
        let scheme = lowered.hasPrefix("https://") ? "https://" : lowered.hasPrefix("http://") ? "http://" : nil
        guard let scheme else { return .failure(ParseProblem(reason: "the webhook URL must start with https:// or http://")) }
        let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !url.contains(where: \.isWhitespace) else {
            return .failure(ParseProblem(reason: "the webhook URL has no host"))
        }
        return .success(.webhook(url: url))
    }

    /// How the target is named in warnings: a webhook by its origin only, since the rest of a
    /// webhook URL is often a credential in itself.
    package var description: String {
        switch self {
        case .slack:
            return "slack"
        case .webhook(let url):
            let scheme = url.lowercased().hasPrefix("https://") ? "https://" : "http://"
            let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return "webhook \(scheme)\(host)"
        }
    }
}
