import OpsCore

/// Pure functions from what Slack answered to checks, each failing one with the exact thing to
/// do about it (docs/services/slack.md, "Checks").
enum SlackAudit {
    static let authCheckID = "slack.auth"
    static let scopesCheckID = "slack.scopes"
    static let channelCheckID = "slack.approval_channel"

    static func tokenShape(_ shape: SlackBotToken, variable: String, source: SourceLocation?) -> Check? {
        switch shape {
        case .bot:
            return nil
        case .user:
            return Check(
                id: authCheckID, scope: .slack, name: "bot token", status: .error,
                message: "\(variable) holds a user token (xoxp-), which acts as a person; opsctl needs the app's bot token",
                suggestedAction: "set \(variable) to the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page", source: source
            )
        case .other:
            return Check(
                id: authCheckID, scope: .slack, name: "bot token", status: .error,
                message: "\(variable) is not a Slack bot token (it does not start with xoxb-)",
                suggestedAction: "set \(variable) to the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page", source: source
            )
        }
    }

    static func authenticated(_ identity: SlackIdentity, source: SourceLocation?) -> Check {
        let who = identity.userName.map { "@\($0)" } ?? identity.userID
        let team = identity.teamName.map { "\($0) (\(identity.teamID))" } ?? identity.teamID
        return Check(id: authCheckID, scope: .slack, name: "bot token", status: .pass, message: "authenticated as \(who) in \(team)", source: source)
    }

    static func scopes(_ granted: [String]?, source: SourceLocation?) -> Check {
        guard let granted else {
            return Check(
                id: scopesCheckID, scope: .slack, name: "bot scopes", status: .warning,
                message: "Slack's answer to auth.test carried no x-oauth-scopes header, so the bot's scopes are unknown",
                suggestedAction: "check under OAuth & Permissions that the bot has \(SlackScopeRequirement.all.map(\.label).joined(separator: ", "))",
                source: source
            )
        }
        let missing = SlackScopeRequirement.all.filter { !$0.isMet(by: granted) }
        let essential = missing.filter(\.isEssential)
        guard !missing.isEmpty else {
            return Check(id: scopesCheckID, scope: .slack, name: "bot scopes", status: .pass, message: "the bot has every scope opsctl uses", source: source)
        }
        let described = missing.map { "\($0.label) (\($0.purpose))" }.joined(separator: "; ")
        let toAdd = missing.map { $0.anyOf[0] }.joined(separator: ", ")
        return Check(
            id: scopesCheckID, scope: .slack, name: "bot scopes", status: essential.isEmpty ? .warning : .fail,
            message: "the bot lacks \(described)",
            suggestedAction: "add the bot scopes \(toAdd) under OAuth & Permissions in the Slack app settings, reinstall the app to the workspace and update SLACK_BOT_TOKEN",
            source: source
        )
    }

    static func channel(_ lookup: SlackChannelLookup, reference: SlackChannelReference, bot: String, source: SourceLocation?) -> Check {
        let name = "approval channel \(reference.display)"
        func check(_ status: CheckStatus, _ message: String, _ action: String? = nil) -> Check {
            Check(id: channelCheckID, scope: .slack, name: name, status: status, message: message, suggestedAction: action, source: source)
        }
        switch lookup {
        case .cannotLook:
            return check(
                .fail, "\(reference.display) cannot be looked up: the bot has neither channels:read nor groups:read",
                "add the bot scope channels:read (public channel) or groups:read (private channel), reinstall the app and re-run plan"
            )
        case .notFound:
            switch reference {
            case .id(let id):
                return check(
                    .fail, "channel \(id) does not exist or the bot cannot see it (a private channel is visible to members only)",
                    "check slack.approvalChannel in desired-state.yaml, or invite the bot with /invite @\(bot) in that channel"
                )
            case .name(let channelName):
                return check(
                    .fail, "no channel named #\(channelName) that the bot can see (archived channels do not count; private ones are visible to members only)",
                    "create #\(channelName) in Slack (or correct slack.approvalChannel in desired-state.yaml), then type /invite @\(bot) in it"
                )
            }
        case .found(let channel):
            let shown = channel.name.map { "#\($0)" } ?? channel.id
            if channel.is_archived == true {
                return check(.fail, "\(shown) (\(channel.id)) is archived", "unarchive \(shown) or name another channel in slack.approvalChannel")
            }
            guard channel.is_member == true else {
                return check(.fail, "the bot is not a member of \(shown) (\(channel.id)), so it cannot post there", "type /invite @\(bot) in \(shown)")
            }
            return check(.pass, "\(shown) (\(channel.id)) exists and the bot is a member")
        }
    }
}
