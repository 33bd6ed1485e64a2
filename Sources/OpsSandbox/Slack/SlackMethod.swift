extension SlackEmulator {
    /// The Web API methods the emulator answers, with the scopes Slack requires for each.
    enum Method: String {
        case authTest = "auth.test"
        case conversationsInfo = "conversations.info"
        case conversationsList = "conversations.list"
        case conversationsCreate = "conversations.create"
        case conversationsJoin = "conversations.join"
        case chatPostMessage = "chat.postMessage"
        case chatUpdate = "chat.update"
        case reactionsAdd = "reactions.add"
        case reactionsGet = "reactions.get"
        case usersInfo = "users.info"

        /// Slack reads JSON bodies only for write methods; read methods take query or form
        /// parameters.
        var acceptsJSON: Bool {
            switch self {
            case .conversationsCreate, .conversationsJoin, .chatPostMessage, .chatUpdate, .reactionsAdd: true
            case .authTest, .conversationsInfo, .conversationsList, .reactionsGet, .usersInfo: false
            }
        }

        /// Alternatives: any one scope of a group is enough; every group must be met.
        func requiredScopes(_ parameters: Parameters) -> [[String]] {
            switch self {
            case .authTest: []
            case .conversationsInfo: [["channels:read", "groups:read"]]
            case .conversationsList:
                ConversationTypes(parameters["types"]).requiredScopes
            case .conversationsCreate:
                parameters.bool("is_private") ? [["groups:write"]] : [["channels:manage", "channels:write"]]
            case .conversationsJoin: [["channels:join", "channels:write"]]
            case .chatPostMessage, .chatUpdate: [["chat:write", "chat:write:bot"]]
            case .reactionsAdd: [["reactions:write"]]
            case .reactionsGet: [["reactions:read"]]
            case .usersInfo: [["users:read"]]
            }
        }
    }

    /// `types=public_channel,private_channel` of `conversations.list`; the default is public.
    struct ConversationTypes {
        var publicChannels: Bool
        var privateChannels: Bool

        init(_ text: String?) {
            let parts = (text ?? "public_channel").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            publicChannels = parts.contains("public_channel")
            privateChannels = parts.contains("private_channel")
        }

        var requiredScopes: [[String]] {
            var groups: [[String]] = []
            if publicChannels { groups.append(["channels:read"]) }
            if privateChannels { groups.append(["groups:read"]) }
            return groups
        }
    }
}
