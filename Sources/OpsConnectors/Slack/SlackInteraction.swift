import Foundation
import OpsCore

/// One request from Slack to `serve slack`, read after its signature verified
/// (docs/services/slack.md, "Approvals"): a click on an approval request's Approve or Reject
/// button (`payload=` JSON of type `block_actions`), or `/ops approve|reject|status ID`.
package struct SlackInteraction: Sendable, Equatable {
    package enum Action: String, Sendable, Equatable {
        case approve
        case reject
        case status
    }

    package var action: Action
    package var changeID: String
    /// The digest the button carries (`change_id|change_digest`); nil for a command, which
    /// names the change in the receiver's plan.
    package var changeDigest: String?
    /// The words after `/ops reject ID`.
    package var reason: String?
    package var kind: SlackActionEvidence.Kind
    package var team: String
    package var channel: String
    package var user: String
    package var messageTS: String?
    package var actionTS: String
    package var responseURL: String?

    /// Why a verified request asks nothing opsctl does; the text goes back to the user.
    package struct Unusable: Error, Sendable, Equatable {
        package var reply: String
    }

    static let usage = "usage: /ops approve ID | /ops reject ID REASON | /ops status ID"

    /// Reads a form body as Slack sends it; `requestTimestamp` stands in for a command's
    /// `action_ts`, which commands lack.
    package static func parse(_ body: [UInt8], requestTimestamp: String) throws(Unusable) -> SlackInteraction {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusAsSpace: true) else { continue }
            fields[name] = parts.count > 1 ? PercentEncoding.decode(parts[1], plusAsSpace: true) : ""
        }
        if let payload = fields["payload"] { return try button(payload) }
        if fields["command"] != nil { return try command(fields, requestTimestamp: requestTimestamp) }
        throw Unusable(reply: "opsctl serve slack reads button clicks and slash commands only")
    }

    private static func button(_ text: String) throws(Unusable) -> SlackInteraction {
        guard let payload = try? JSONParser.parse(text), payload["type"]?.stringValue == "block_actions",
            let action = payload["actions"]?.arrayValue?.first, let actionID = action["action_id"]?.stringValue
        else { throw Unusable(reply: "opsctl reads only the Approve and Reject buttons of its own requests") }
        let verb: Action
        switch actionID {
        case "opsctl_approve": verb = .approve
        case "opsctl_reject": verb = .reject
        default: throw Unusable(reply: "opsctl does not know the button '\(actionID)'")
        }
        let value = action["value"]?.stringValue ?? ""
        let parts = value.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let user = payload["user"]?["id"]?.stringValue,
            let channel = payload["channel"]?["id"]?.stringValue ?? payload["container"]?["channel_id"]?.stringValue
        else { throw Unusable(reply: "the button's value is not change_id|change_digest") }
        return SlackInteraction(
            action: verb, changeID: String(parts[0]), changeDigest: String(parts[1]), reason: nil, kind: .button,
            team: payload["team"]?["id"]?.stringValue ?? payload["user"]?["team_id"]?.stringValue ?? "",
            channel: channel, user: user,
            messageTS: payload["container"]?["message_ts"]?.stringValue ?? payload["message"]?["ts"]?.stringValue,
            actionTS: action["action_ts"]?.stringValue ?? "", responseURL: payload["response_url"]?.stringValue
        )
    }

    private static func command(_ fields: [String: String], requestTimestamp: String) throws(Unusable) -> SlackInteraction {
        let words = (fields["text"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2, let action = Action(rawValue: words[0].lowercased()), let user = fields["user_id"],
            let channel = fields["channel_id"]
        else { throw Unusable(reply: usage) }
        let reason = words.count > 2 ? words.dropFirst(2).joined(separator: " ") : nil
        if action == .reject, reason == nil { throw Unusable(reply: "say why: /ops reject \(words[1]) REASON") }
        return SlackInteraction(
            action: action, changeID: words[1], changeDigest: nil, reason: reason, kind: .slashCommand, team: fields["team_id"] ?? "",
            channel: channel, user: user, messageTS: nil, actionTS: requestTimestamp, responseURL: fields["response_url"]
        )
    }
}
