import Foundation
import OpsCore

extension SlackEmulator {
    enum ConversationRoutes {
        /// `conversations.info?channel=C…`: private channels are visible to members only.
        static func info(_ context: RouteContext, _ slack: State) throws(RouteFailure) -> HTTPResponse {
            guard let id = context.parameters["channel"], !id.isEmpty else { throw Errors.failure("channel_not_found") }
            guard let channel = slack.channels.first(where: { $0.id == id }), visible(channel, to: context.caller) else {
                throw Errors.failure("channel_not_found")
            }
            return .json(200, ["ok": true, "channel": channel.wire(for: context.caller.userID)])
        }

        /// `conversations.list` with `types`, `exclude_archived`, `limit` (default 100, at most
        /// 1000) and an opaque `cursor`; `response_metadata.next_cursor` is empty on the last page.
        static func list(_ context: RouteContext, _ slack: State) throws(RouteFailure) -> HTTPResponse {
            let types = ConversationTypes(context.parameters["types"])
            let excludeArchived = context.parameters.bool("exclude_archived")
            let matching = slack.channels.filter { channel in
                (channel.isPrivate ? types.privateChannels : types.publicChannels) && visible(channel, to: context.caller)
                    && !(excludeArchived && channel.isArchived)
            }
            var limit = 100
            if let text = context.parameters["limit"] {
                guard let number = Int(text), number >= 0 else { throw Errors.failure("invalid_arg_name") }
                limit = number == 0 ? 100 : min(number, 1000)
            }
            var offset = 0
            if let cursor = context.parameters["cursor"], !cursor.isEmpty {
                guard let decoded = Cursor.offset(cursor), decoded <= matching.count else { throw Errors.failure("invalid_arg_name") }
                offset = decoded
            }
            let end = min(offset + limit, matching.count)
            let page = matching[offset..<end].map { $0.wire(for: context.caller.userID) }
            let next = end < matching.count ? Cursor.encode(end) : ""
            return .json(200, ["ok": true, "channels": .array(page), "response_metadata": ["next_cursor": .string(next)]])
        }

        /// `conversations.create` with `name` and `is_private`; the creator is its first member.
        static func create(_ context: RouteContext, _ slack: inout State) throws(RouteFailure) -> HTTPResponse {
            guard let name = context.parameters["name"], !name.isEmpty else { throw Errors.failure("invalid_name_required") }
            let valid = name.count <= 80 && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_".unicodeScalars.contains($0) }
            guard valid else { throw Errors.failure("invalid_name_specials") }
            guard !slack.channels.contains(where: { $0.name == name }) else { throw Errors.failure("name_taken") }
            let channel = Channel(
                id: slack.allocateChannelID(), name: name, isPrivate: context.parameters.bool("is_private"),
                created: SandboxTimestamp.now().epochMicroseconds / 1_000_000, creator: context.caller.userID, members: [context.caller.userID]
            )
            slack.store(channel)
            return .json(200, ["ok": true, "channel": channel.wire(for: context.caller.userID)])
        }

        /// `conversations.join`: public channels only; joining twice warns `already_in_channel`.
        static func join(_ context: RouteContext, _ slack: inout State) throws(RouteFailure) -> HTTPResponse {
            guard let id = context.parameters["channel"], var channel = slack.channels.first(where: { $0.id == id }) else {
                throw Errors.failure("channel_not_found")
            }
            guard !channel.isPrivate else { throw Errors.failure("method_not_supported_for_channel_type") }
            guard !channel.isArchived else { throw Errors.failure("is_archived") }
            var body: [String: JSONValue] = ["ok": true]
            if channel.members.contains(context.caller.userID) {
                body["warning"] = "already_in_channel"
                body["response_metadata"] = ["warnings": ["already_in_channel"]]
            } else {
                channel.members.append(context.caller.userID)
                slack.store(channel)
            }
            body["channel"] = channel.wire(for: context.caller.userID)
            return .json(200, .object(body))
        }

        static func visible(_ channel: Channel, to caller: Caller) -> Bool {
            !channel.isPrivate || channel.members.contains(caller.userID)
        }
    }

    /// Opaque page cursors, base64 like Slack's (`dGVhbTpDMDYx…`).
    enum Cursor {
        static func encode(_ offset: Int) -> String {
            Data("offset:\(offset)".utf8).base64EncodedString()
        }

        static func offset(_ cursor: String) -> Int? {
            guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8), text.hasPrefix("offset:") else {
                return nil
            }
            return Int(text.dropFirst("offset:".count))
        }
    }
}
