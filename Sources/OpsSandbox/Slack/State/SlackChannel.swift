import OpsCore

extension SlackEmulator {
    /// One conversation of the workspace, public or private.
    struct Channel: Equatable {
        var id: String
        var name: String
        var isPrivate: Bool
        var isArchived: Bool
        var created: Int
        var creator: String
        var members: [String]

        init(id: String, name: String, isPrivate: Bool, isArchived: Bool = false, created: Int, creator: String, members: [String]) {
            self.id = id
            self.name = name
            self.isPrivate = isPrivate
            self.isArchived = isArchived
            self.created = created
            self.creator = creator
            self.members = members
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            name = try reader.string("name")
            isPrivate = try reader.bool("is_private", default: false)
            isArchived = try reader.bool("is_archived", default: false)
            created = try reader.optionalInt("created") ?? 0
            creator = try reader.optionalString("creator") ?? Caller.personUserID
            members = reader.members["members"] == nil ? [] : try reader.stringArray("members")
        }

        var stateJSON: JSONValue {
            [
                "id": .string(id), "name": .string(name), "is_private": .bool(isPrivate), "is_archived": .bool(isArchived),
                "created": .int(created), "creator": .string(creator), "members": .array(members.map(JSONValue.string)),
            ]
        }

        /// The conversation object as `conversations.info` and `.list` return it, with
        /// `is_member` from the caller's point of view (every member Slack requires is here).
        func wire(for userID: String) -> JSONValue {
            let blank: JSONValue = ["value": "", "creator": "", "last_set": 0]
            return [
                "id": .string(id), "name": .string(name), "name_normalized": .string(name), "created": .int(created),
                "creator": .string(creator), "is_archived": .bool(isArchived), "is_channel": .bool(!isPrivate),
                "is_group": .bool(isPrivate), "is_general": false, "is_mpim": false, "is_im": false, "is_org_shared": false,
                "is_shared": false, "is_ext_shared": false, "is_private": .bool(isPrivate), "is_member": .bool(members.contains(userID)),
                "num_members": .int(members.count), "topic": blank, "purpose": blank,
            ]
        }
    }

    /// A message posted with `chat.postMessage` (and changed by `chat.update` or a
    /// `response_url` answer), kept so tests can read what was sent, with its reactions.
    struct Message: Equatable {
        var channel: String
        var ts: String
        var user: String
        var text: String
        var blocks: JSONValue
        var reactions: [Reaction] = []

        init(channel: String, ts: String, user: String, text: String, blocks: JSONValue) {
            self.channel = channel
            self.ts = ts
            self.user = user
            self.text = text
            self.blocks = blocks
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            channel = try reader.string("channel")
            ts = try reader.string("ts")
            user = try reader.optionalString("user") ?? Caller.botUserID
            text = try reader.optionalString("text") ?? ""
            blocks = reader.members["blocks"] ?? .array([])
            for (value, childPath) in try reader.array("reactions") {
                let item = try JSONFieldReader(value, path: childPath)
                reactions.append(Reaction(name: try item.string("name"), users: try item.stringArray("users")))
            }
        }

        var stateJSON: JSONValue {
            var members: [String: JSONValue] = [
                "channel": .string(channel), "ts": .string(ts), "user": .string(user), "text": .string(text), "blocks": blocks,
            ]
            if !reactions.isEmpty { members["reactions"] = .array(reactions.map { $0.wire }) }
            return .object(members)
        }
    }

    /// One emoji on a message and who added it, in order.
    struct Reaction: Equatable {
        var name: String
        var users: [String]

        /// As `reactions.get` spells it: `{name, users, count}`.
        var wire: JSONValue {
            ["name": .string(name), "users": .array(users.map(JSONValue.string)), "count": .int(users.count)]
        }
    }
}
