import OpsCore

/// Where changes stand (`opsctl status`, `approve`, `reject`), as text and JSON.
package enum StatusRenderer {
    package static func verdictLine(verdict: String, change: String, actor: String, seq: Int, state: ApprovalState) -> String {
        let done = verdict == "approve" ? "Approved" : "Rejected"
        return "\(done) \(TerminalSafeText.sanitized(change)) as \(TerminalSafeText.sanitized(actor)) (receipt \(seq)). Now: \(describe(state)).\n"
    }

    package static func describe(_ state: ApprovalState) -> String {
        switch state {
        case .notRequired: return "no approval needed"
        case .approved(let by): return "approved by \(by.joined(separator: ", "))"
        case .rejected(let by, let reason): return "rejected by \(by)" + (reason.isEmpty ? "" : ": \(reason)")
        case .pending(let counted, let needed, let refused):
            var text = "\(counted.count) of \(needed) approval\(needed == 1 ? "" : "s")"
            if !refused.isEmpty { text += "; not counted: " + refused.map(\.explanation).joined(separator: "; ") }
            return text
        }
    }

    /// The lifecycle in words, for JSON and messages that do not show the state label apart.
    package static func describe(_ lifecycle: ChangeLifecycle) -> String {
        "\(lifecycle.label): \(detail(lifecycle))"
    }

    /// What stands behind the state label: who approved, what is missing, which receipt.
    package static func detail(_ lifecycle: ChangeLifecycle) -> String {
        switch lifecycle {
        case .pending(let state), .approved(let state): return describe(state)
        case .rejected(let by, let reason): return "by \(by)" + (reason.isEmpty ? "" : ": \(reason)")
        case .applied(let seq): return "receipt \(seq)"
        case .failed(let seq, let detail): return "receipt \(seq): \(detail)"
        }
    }

    package static func text(_ rows: [(Change, ChangeLifecycle)], colour: ColourMode) -> String {
        guard !rows.isEmpty else { return "The plan has no changes.\n" }
        let width = rows.map(\.0.id.description.count).max() ?? 0
        return rows.map { change, lifecycle in
            let style: ANSIStyle =
                switch lifecycle {
                case .applied: .success
                case .approved: .added
                case .pending: .changed
                case .rejected, .failed: .error
                }
            let id = TerminalSafeText.sanitized(change.id.description)
            let padding = String(repeating: " ", count: max(0, width - change.id.description.count))
            let label = lifecycle.label + String(repeating: " ", count: max(0, 8 - lifecycle.label.count))
            return "\(id)\(padding)  " + colour.apply(style, to: label) + "  " + TerminalSafeText.sanitized(detail(lifecycle)) + "\n"
        }.joined()
    }

    package static func json(_ rows: [(Change, ChangeLifecycle)]) -> JSONValue {
        .array(rows.map { change, lifecycle in
            .object([
                "id": .string(change.id.description),
                "state": .string(lifecycle.label),
                "detail": .string(detail(lifecycle)),
            ])
        })
    }
}
