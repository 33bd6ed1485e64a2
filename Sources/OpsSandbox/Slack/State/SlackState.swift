import OpsCore

extension SlackEmulator {
    /// The `slack` section of the sandbox state: one workspace, its channels, the messages
    /// posted to them, and the scopes the bot was installed with.
    struct State: SandboxStateSection {
        static let teamID = "T0SANDBOX1"
        static let teamName = "sandbox"
        /// Everything opsctl may ask for, so a fresh sandbox passes the scope audit, plus what a
        /// test needs to make channels as the bot.
        static let defaultBotScopes = [
            "chat:write", "channels:read", "groups:read", "reactions:read", "users:read", "users:read.email",
            "channels:join", "channels:manage", "groups:write", "reactions:write",
        ]
        static let personScopes = ["channels:read", "groups:read", "channels:write", "groups:write", "chat:write", "reactions:write"]

        var channels: [Channel]
        var messages: [Message]
        /// Members `users.info` knows (the bot is not one of them).
        var users: [User] = []
        /// What apps posted to the `response_url`s the sandbox handed out.
        var responses: [ResponseRecord] = []
        var botScopes: [String]
        /// Feeds channel ids.
        var nextID: Int
        /// The last message `ts` handed out, in microseconds, so every `ts` is distinct.
        var clock: Int

        static let empty = State(channels: [], messages: [], botScopes: defaultBotScopes, nextID: 1, clock: 0)

        init(channels: [Channel], messages: [Message], botScopes: [String], nextID: Int, clock: Int) {
            self.channels = channels
            self.messages = messages
            self.botScopes = botScopes
            self.nextID = nextID
            self.clock = clock
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            channels = []
            for (value, path) in try reader.array("channels") { channels.append(try Channel(stateJSON: value, path: path)) }
            messages = []
            for (value, path) in try reader.array("messages") { messages.append(try Message(stateJSON: value, path: path)) }
            for (value, path) in try reader.array("users") { users.append(try User(stateJSON: value, path: path)) }
            for (value, path) in try reader.array("responses") { responses.append(try ResponseRecord(stateJSON: value, path: path)) }
            botScopes = reader.members["bot_scopes"] == nil ? Self.defaultBotScopes : try reader.stringArray("bot_scopes")
            nextID = try reader.optionalInt("next_id") ?? 1
            clock = try reader.optionalInt("clock") ?? 0
        }

        var stateJSON: JSONValue {
            [
                "channels": .array(channels.map(\.stateJSON)), "messages": .array(messages.map(\.stateJSON)),
                "bot_scopes": .array(botScopes.map(JSONValue.string)), "next_id": .int(nextID), "clock": .int(clock),
                "users": .array(users.map { $0.stateJSON }), "responses": .array(responses.map { $0.stateJSON }),
            ]
        }

        /// By id, or by name with or without `#`, as `chat.postMessage` accepts either.
        func channel(_ reference: String) -> Channel? {
            if let byID = channels.first(where: { $0.id == reference }) { return byID }
            let name = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
            return channels.first { $0.name == name }
        }

        func messageIndex(channel: String, ts: String) -> Int? {
            messages.firstIndex { $0.channel == channel && $0.ts == ts }
        }

        mutating func store(_ channel: Channel) {
            if let index = channels.firstIndex(where: { $0.id == channel.id }) {
                channels[index] = channel
            } else {
                channels.append(channel)
            }
        }

        /// `C…` ids like Slack's: a letter and ten upper-case characters.
        mutating func allocateChannelID() -> String {
            let number = nextID
            nextID += 1
            let digits = String(number, radix: 36).uppercased()
            return "C0" + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
        }

        /// A message `ts`, `1503435956.000247`: epoch seconds and microseconds, always increasing.
        mutating func messageTS() -> String {
            clock = max(SandboxTimestamp.now().epochMicroseconds, clock + 1)
            let seconds = clock / 1_000_000
            let micros = clock % 1_000_000
            let fraction = String(micros)
            return "\(seconds)." + String(repeating: "0", count: 6 - fraction.count) + fraction
        }
    }
}
