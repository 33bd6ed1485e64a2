import OpsCore

/// A Slack message body's parts: `text` (the notification fallback) and `blocks`.
package struct NotificationSlackMessage: Sendable, Hashable {
    package var text: String
    package var blocks: JSONValue
}
