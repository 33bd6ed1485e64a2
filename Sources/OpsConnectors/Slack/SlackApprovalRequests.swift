import Foundation
import OpsCore

/// Posts approval requests to the approval channel for `approve --request` (docs/approvals.md,
/// "Slack"), with the bot token, through the shared client.
package struct SlackApprovalRequests: Sendable {
    let api: SlackAPI

    /// Where a request was posted: the channel's ID and the message's `ts`.
    package struct Posted: Sendable, Equatable {
        package var channel: String
        package var ts: String
    }

    package static func make(context: ConnectorContext) -> Result<SlackApprovalRequests, MissingCredentials> {
        context.settings(secrets: [SlackConnector.tokenVariable]).flatMap { settings in
            SlackConnector.client(context: context, token: settings[SlackConnector.tokenVariable] ?? "").map { client in
                SlackApprovalRequests(api: SlackAPI(client: client))
            }
        }
    }

    package func post(channel: String, text: String, blocks: JSONValue) async throws -> Posted {
        let body = try await api.postedMessage(channel: channel, text: text, blocks: blocks)
        return Posted(channel: body.channel, ts: body.ts)
    }
}
