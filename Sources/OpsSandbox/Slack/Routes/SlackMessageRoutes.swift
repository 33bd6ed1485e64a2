import OpsCore

extension SlackEmulator {
    enum MessageRoutes {
        /// `chat.postMessage`: `channel` (id or name) and `text` or `blocks`; the poster must be
        /// a member (`not_in_channel`). The message is kept in the state for tests to read.
        static func post(_ context: RouteContext, _ slack: inout State) throws(RouteFailure) -> HTTPResponse {
            guard let reference = context.parameters["channel"], !reference.isEmpty else { throw Errors.failure("channel_not_found") }
            guard let channel = slack.channel(reference), ConversationRoutes.visible(channel, to: context.caller) else {
                throw Errors.failure("channel_not_found")
            }
            guard !channel.isArchived else { throw Errors.failure("is_archived") }
            guard channel.members.contains(context.caller.userID) else { throw Errors.failure("not_in_channel") }
            let text = context.parameters["text"] ?? ""
            let blocks = context.parameters.json("blocks") ?? .array([])
            if context.parameters["blocks"] != nil || context.parameters.json("blocks") != nil {
                guard case .array = blocks else { throw Errors.failure("invalid_arg_name") }
            }
            guard !text.isEmpty || !(blocks.arrayValue ?? []).isEmpty else { throw Errors.failure("no_text") }
            guard text.count <= 40_000 else { throw Errors.failure("msg_too_long") }
            let ts = slack.messageTS()
            let message = Message(channel: channel.id, ts: ts, user: context.caller.userID, text: text, blocks: blocks)
            slack.messages.append(message)
            var wire: [String: JSONValue] = ["type": "message", "text": .string(text), "ts": .string(ts), "user": .string(context.caller.userID)]
            if context.caller.isBot { wire["bot_id"] = .string(Caller.botID) }
            if !(blocks.arrayValue ?? []).isEmpty { wire["blocks"] = blocks }
            return .json(200, ["ok": true, "channel": .string(channel.id), "ts": .string(ts), "message": .object(wire)])
        }
    }
}

extension SlackEmulator.MessageRoutes {
    /// `chat.update` with `channel`, `ts` and new `text` and/or `blocks`: only the poster may
    /// change a message (`cant_update_message`).
    static func update(_ context: SlackEmulator.RouteContext, _ slack: inout SlackEmulator.State) throws(RouteFailure) -> HTTPResponse {
        guard let channel = context.parameters["channel"], let ts = context.parameters["ts"],
            let index = slack.messageIndex(channel: channel, ts: ts)
        else { throw SlackEmulator.Errors.failure("message_not_found") }
        guard slack.messages[index].user == context.caller.userID else { throw SlackEmulator.Errors.failure("cant_update_message") }
        if let text = context.parameters["text"] { slack.messages[index].text = text }
        if let blocks = context.parameters.json("blocks") {
            guard case .array = blocks else { throw SlackEmulator.Errors.failure("invalid_blocks") }
            slack.messages[index].blocks = blocks
        }
        let message = slack.messages[index]
        return .json(200, [
            "ok": true, "channel": .string(channel), "ts": .string(ts), "text": .string(message.text),
            "message": ["type": "message", "text": .string(message.text), "user": .string(message.user), "blocks": message.blocks],
        ])
    }
}
