import Foundation
import OpsCore

extension SlackEmulator {
    /// `/slack/_sandbox/…`: the sandbox playing Slack's side of an app's approvals (never on
    /// slack.com):
    /// - `POST users` `{id, name, email}` adds a member `users.info` knows;
    /// - `POST react` `{channel, ts, name, user}` adds a reaction as that member;
    /// - `POST interact` `{url, user, channel, ts, action_id}` clicks the button with that
    ///   `action_id` on the message: a `block_actions` payload, form-encoded and signed, sent
    ///   to `url`;
    /// - `POST command` `{url, user, channel, text, command?}` sends a slash command, signed;
    /// - `POST respond/<channel>/<ts>` is the `response_url` those carry (`-` for no message):
    ///   it records the body and, with `replace_original`, replaces the message.
    ///
    /// `interact` and `command` take `signing`: `valid` (default), `stale` (six minutes old),
    /// `wrong` (another secret) or `none` (no signature headers), and answer
    /// `{"status": N, "body": "…"}` with what the receiver answered.
    struct SandboxRoutes {
        static let prefix = "_sandbox"
        let options: Options
        let scope: String

        func handle(_ segments: [String], _ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
            guard request.method == "POST" else { return .json(405, ["message": "use POST"]) }
            if segments.count == 3, segments[0] == "respond" {
                return respond(channel: segments[1], ts: segments[2] == "-" ? nil : segments[2], request.body, state: state)
            }
            guard segments.count == 1, case .object(let body)? = try? JSONParser.parse(request.body) else {
                return .json(400, ["message": "expected POST /slack/_sandbox/users|react|interact|command with a JSON object"])
            }
            let fields = body.compactMapValues(\.stringValue)
            switch segments[0] {
            case "users":
                guard let id = fields["id"], let name = fields["name"] else { return .json(400, ["message": "users needs id and name"]) }
                return mutate(state) { slack throws(RouteFailure) in
                    slack.users.removeAll { $0.id == id }
                    slack.users.append(User(id: id, name: name, email: fields["email"] ?? ""))
                    return .json(201, ["ok": true])
                }
            case "react":
                guard let name = fields["name"], let user = fields["user"] else { return .json(400, ["message": "react needs name and user"]) }
                return mutate(state) { slack throws(RouteFailure) in
                    try ReactionRoutes.react(&slack, channel: fields["channel"], ts: fields["ts"], name: name, user: user)
                    return .json(200, ["ok": true])
                }
            case "interact": return interact(fields, request: request, state: state)
            case "command": return command(fields, request: request, state: state)
            default: return .json(404, ["message": .string("no sandbox route /slack/_sandbox/\(segments[0])")])
            }
        }

        private func mutate(_ state: SandboxStateStore, _ route: (inout State) throws(RouteFailure) -> HTTPResponse) -> HTTPResponse {
            state.transactionOnCopy(State.self, scope: scope, route) { error in .json(500, ["message": .string(error.message)]) }
        }

        private func read(_ state: SandboxStateStore) -> State? {
            try? state.transaction(State.self, scope: scope) { $0 }
        }

        /// A button click on a posted message, as Slack sends it (docs/services/slack.md).
        private func interact(_ fields: [String: String], request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
            guard let url = fields["url"], let userID = fields["user"], let reference = fields["channel"], let ts = fields["ts"],
                let actionID = fields["action_id"]
            else { return .json(400, ["message": "interact needs url, user, channel, ts and action_id"]) }
            // The channel by ID or name, as chat.postMessage takes it.
            guard let slack = read(state), let channelID = slack.channel(reference)?.id, let index = slack.messageIndex(channel: channelID, ts: ts) else {
                return .json(404, ["message": .string("no message \(ts) in \(reference)")])
            }
            let message = slack.messages[index]
            guard let button = Self.button(actionID, in: message.blocks) else {
                return .json(404, ["message": .string("the message has no button with action_id \(actionID)")])
            }
            let user = slack.users.first { $0.id == userID }
            let now = SandboxTimestamp.now()
            let payload: JSONValue = [
                "type": "block_actions", "api_app_id": "A0SANDBOXAP", "token": "sandbox-verification-token",
                "trigger_id": .string("\(now.epochSeconds).1.sandbox"),
                "user": ["id": .string(userID), "username": .string(user?.name ?? userID), "name": .string(user?.name ?? userID), "team_id": .string(State.teamID)],
                "team": ["id": .string(State.teamID), "domain": .string(State.teamName)],
                "container": ["type": "message", "message_ts": .string(ts), "channel_id": .string(channelID), "is_ephemeral": false],
                "channel": ["id": .string(channelID), "name": .string(slack.channel(channelID)?.name ?? channelID)],
                "message": ["type": "message", "ts": .string(ts), "text": .string(message.text), "user": .string(message.user), "blocks": message.blocks],
                "response_url": .string("\(request.mountURL)/_sandbox/respond/\(channelID)/\(ts)"),
                "actions": [.object(button.merging(["action_ts": .string(Self.slackTS(now))]) { _, new in new })],
                "state": ["values": [:]],
            ]
            let form = "payload=" + PercentEncoding.encode(JSONWriter.canonical(payload))
            return deliver(Array(form.utf8), to: url, signing: fields["signing"], at: now)
        }

        /// A slash command as Slack sends it: form fields, signed.
        private func command(_ fields: [String: String], request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
            guard let url = fields["url"], let userID = fields["user"], let reference = fields["channel"], let text = fields["text"] else {
                return .json(400, ["message": "command needs url, user, channel and text"])
            }
            let slack = read(state)
            let channelID = slack?.channel(reference)?.id ?? reference
            let now = SandboxTimestamp.now()
            let pairs: [(String, String)] = [
                ("token", "sandbox-verification-token"), ("team_id", State.teamID), ("team_domain", State.teamName),
                ("channel_id", channelID), ("channel_name", slack?.channel(channelID)?.name ?? channelID), ("user_id", userID),
                ("user_name", slack?.users.first { $0.id == userID }?.name ?? userID), ("command", fields["command"] ?? "/ops"),
                ("text", text), ("api_app_id", "A0SANDBOXAP"), ("is_enterprise_install", "false"),
                ("response_url", "\(request.mountURL)/_sandbox/respond/\(channelID)/-"), ("trigger_id", "\(now.epochSeconds).1.sandbox"),
            ]
            let form = pairs.map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
            return deliver(Array(form.utf8), to: url, signing: fields["signing"], at: now)
        }

        private func deliver(_ body: [UInt8], to url: String, signing: String?, at now: SandboxTimestamp) -> HTTPResponse {
            guard let secret = options.signingSecret else {
                return .json(409, ["message": "the sandbox has no Slack signing secret (sandbox serve reads SLACK_SIGNING_SECRET)"])
            }
            var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")])
            let mode = signing ?? "valid"
            if mode != "none" {
                let timestamp = String(now.epochSeconds - (mode == "stale" ? 360 : 0))
                let key = mode == "wrong" ? "not-" + secret : secret
                guard let code = try? HMACSHA256.authenticationCode(for: Array("v0:\(timestamp):".utf8) + body, key: Array(key.utf8)) else {
                    return .json(500, ["message": "HMAC failed"])
                }
                headers.add("X-Slack-Request-Timestamp", timestamp)
                headers.add("X-Slack-Signature", "v0=" + Hex.encode(code))
            }
            do throws(LoopbackDelivery.Failure) {
                let answer = try LoopbackDelivery.post(to: url, headers: headers, body: body)
                return .json(200, ["status": .int(answer.status), "body": .string(String(decoding: answer.body, as: UTF8.self))])
            } catch {
                return .json(502, ["message": .string(error.reason)])
            }
        }

        /// The app's answer to a `response_url`: recorded; `replace_original` replaces the
        /// message's text and blocks, as Slack does.
        private func respond(channel: String, ts: String?, _ body: [UInt8], state: SandboxStateStore) -> HTTPResponse {
            guard case .object(let members)? = try? JSONParser.parse(body) else { return .text(400, "invalid_payload") }
            return mutate(state) { slack throws(RouteFailure) in
                slack.responses.append(ResponseRecord(channel: channel, ts: ts, body: .object(members)))
                if members["replace_original"]?.boolValue == true, let ts, let index = slack.messageIndex(channel: channel, ts: ts) {
                    slack.messages[index].text = members["text"]?.stringValue ?? slack.messages[index].text
                    slack.messages[index].blocks = members["blocks"] ?? .array([])
                }
                return .text(200, "ok")
            }
        }

        /// The first button element with `actionID` in a message's blocks, as the payload's
        /// `actions[0]` carries it.
        static func button(_ actionID: String, in blocks: JSONValue) -> [String: JSONValue]? {
            for block in blocks.arrayValue ?? [] {
                let blockID = block["block_id"] ?? .string("")
                for element in block["elements"]?.arrayValue ?? [] where element["action_id"]?.stringValue == actionID {
                    guard case .object(var members) = element else { continue }
                    members["block_id"] = blockID
                    return members
                }
            }
            return nil
        }

        /// `1503435956.000247`.
        static func slackTS(_ time: SandboxTimestamp) -> String {
            let fraction = String(time.epochMicroseconds % 1_000_000)
            return "\(time.epochSeconds)." + String(repeating: "0", count: 6 - fraction.count) + fraction
        }
    }
}
