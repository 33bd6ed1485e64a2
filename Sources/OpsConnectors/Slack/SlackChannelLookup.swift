/// Where the approval channel stands, as found through `conversations.info` (an ID) or
/// `conversations.list` (a name).
enum SlackChannelLookup: Sendable, Equatable {
    case found(SlackConversationBody)
    case notFound
    /// Neither `channels:read` nor `groups:read`: the channel cannot be looked up at all.
    case cannotLook

    /// Looks the channel up with the read scopes the token has: asking `conversations.list`
    /// for a type without its scope would fail the whole call with `missing_scope`.
    static func find(_ reference: SlackChannelReference, api: SlackAPI, scopes: [String]?) async throws -> SlackChannelLookup {
        var types: [String] = []
        if scopes?.contains("channels:read") ?? true { types.append("public_channel") }
        if scopes?.contains("groups:read") ?? true { types.append("private_channel") }
        guard !types.isEmpty else { return .cannotLook }
        switch reference {
        case .id(let id):
            do {
                return .found(try await api.conversation(id: id))
            } catch let error as SlackAPIError where error.code == "channel_not_found" {
                return .notFound
            }
        case .name(let name):
            let channels = try await api.conversations(types: types)
            return channels.first { ($0.name_normalized ?? $0.name) == name || $0.name == name }.map(SlackChannelLookup.found) ?? .notFound
        }
    }
}
