/// `slack.approvalChannel` as written: `#name`, or a channel ID (`C…`, older private ones `G…`).
enum SlackChannelReference: Sendable, Equatable {
    case id(String)
    case name(String)

    init(_ text: String) {
        if text.hasPrefix("#") {
            self = .name(String(text.dropFirst()))
        } else if let first = text.first, first == "C" || first == "G", text.allSatisfy({ $0.isUppercase || $0.isNumber }) {
            self = .id(text)
        } else {
            self = .name(text)
        }
    }

    var display: String {
        switch self {
        case .id(let id): id
        case .name(let name): "#\(name)"
        }
    }
}
