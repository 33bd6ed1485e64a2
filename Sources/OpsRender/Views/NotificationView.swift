import OpsCore

/// What `--notify` sends (docs/notifications.md): the versioned JSON document for webhooks and
/// the Block Kit message for Slack. Every string passes the run's redactor on its way in.
package struct NotificationView: Sendable {
    package var redactor: Redactor

    package init(redactor: Redactor) {
        self.redactor = redactor
    }

    /// The webhook document; its canonical bytes are what the signature covers.
    package func document(_ notification: NotificationDocument) -> JSONValue {
        let summary = notification.summary
        var counts: [String: JSONValue] = [
            "toAdd": .int(summary.toAdd), "toChange": .int(summary.toChange), "toDestroy": .int(summary.toDestroy),
            "awaitingApproval": .int(summary.awaitingApproval), "failingChecks": .int(summary.failingChecks),
            "changes": .int(notification.totalChanges),
        ]
        if let applied = summary.applied { counts["applied"] = .int(applied) }
        if let failed = summary.failed { counts["failed"] = .int(failed) }
        if let rejected = summary.rejected { counts["rejected"] = .int(rejected) }
        if let proposed = summary.proposed { counts["proposed"] = .int(proposed) }
        let changes: [JSONValue] = notification.topChanges.map { change in
            [
                "id": .string(change.id), "risk": .string(change.risk.rawValue), "description": .string(change.description),
                "requiresApproval": .bool(change.requiresApproval),
            ]
        }
        var members: [String: JSONValue] = [
            "formatVersion": .string(NotificationDocument.formatVersion), "command": .string(notification.command.rawValue),
            "createdAt": .string(notification.createdAt), "actor": .string(notification.actor),
            "scopes": .array(notification.scopes.map { .string($0.rawValue) }), "summary": .object(counts),
            "topChanges": .array(changes), "planDigest": .string(notification.planDigest),
        ]
        if let head = notification.receiptsHead {
            members["receiptsHead"] = ["seq": .int(head.seq), "hash": .string(head.hash)]
        }
        return redacted(.object(members))
    }

    package func documentBytes(_ notification: NotificationDocument) -> [UInt8] {
        JSONWriter.canonicalBytes(document(notification))
    }

    /// One Slack message: a fallback `text` and `blocks` (a header line, the riskiest changes,
    /// the digest and receipts head).
    package func slackMessage(_ notification: NotificationDocument) -> NotificationSlackMessage {
        let summary = notification.summary
        var headline = "*opsctl \(notification.command.rawValue)* by \(notification.actor)"
        if !notification.scopes.isEmpty { headline += " (\(notification.scopes.map(\.rawValue).joined(separator: ", ")))" }
        var counts = "\(summary.toAdd) to add, \(summary.toChange) to change, \(summary.toDestroy) to destroy; "
            + "\(summary.awaitingApproval) awaiting approval; \(summary.failingChecks) failing check\(summary.failingChecks == 1 ? "" : "s")"
        if let applied = summary.applied {
            counts += "; \(applied) applied, \(summary.failed ?? 0) failed, \(summary.rejected ?? 0) rejected, \(summary.proposed ?? 0) proposed"
        }
        var blocks: [JSONValue] = [section("\(headline)\n\(counts)")]
        if !notification.topChanges.isEmpty {
            var lines = notification.topChanges.map { change in
                "• [\(change.risk.rawValue)] `\(change.id)`: \(change.description)\(change.requiresApproval ? " (needs approval)" : "")"
            }
            let more = notification.totalChanges - notification.topChanges.count
            if more > 0 { lines.append("… and \(more) more") }
            blocks.append(section(lines.joined(separator: "\n")))
        }
        var footer = "plan \(notification.planDigest.prefix(19))…"
        if let head = notification.receiptsHead { footer += " · receipts head \(head.seq) \(head.hash.prefix(12))…" }
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": .string(footer)]]])
        let text = "opsctl \(notification.command.rawValue): \(counts)"
        return NotificationSlackMessage(text: redactor.redact(text), blocks: redacted(.array(blocks)))
    }

    /// Section text is limited to 3,000 characters by Block Kit.
    private func section(_ text: String) -> JSONValue {
        let limited = text.count > 2900 ? String(text.prefix(2900)) + "…" : text
        return ["type": "section", "text": ["type": "mrkdwn", "text": .string(limited)]]
    }

    private func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redactor.redact(text))
        case .array(let items): .array(items.map(redacted))
        case .object(let members): .object(members.mapValues(redacted))
        default: value
        }
    }
}
