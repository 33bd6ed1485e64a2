import OpsCore

/// Where changes stand (`opsctl status`, `approve`, `reject`), as text and JSON.
package enum StatusRenderer {
    /// One change and where it stands.
    package struct Row: Sendable, Equatable {
        package var change: Change
        package var lifecycle: ChangeLifecycle

        package init(change: Change, lifecycle: ChangeLifecycle) {
            self.change = change
            self.lifecycle = lifecycle
        }
    }

    package static func verdictLine(verdict: String, change: String, actor: String, seq: Int, state: ApprovalState) -> String {
        let done = verdict == "approve" ? "Approved" : "Rejected"
        return "\(done) \(TerminalSafeText.sanitized(change)) as \(TerminalSafeText.sanitized(actor)) (receipt \(seq)). Now: \(describe(state)).\n"
    }

    package static func describe(_ state: ApprovalState) -> String {
        switch state {
        case .notRequired: return "no approval needed"
        case .approved(let by): return "approved by \(describe(by))"
        case .rejected(let by, let reason): return "rejected by \(by)" + (reason.isEmpty ? "" : ": \(reason)")
        case .pending(let counted, let needed, let refused):
            var text = "\(counted.count) of \(needed) approval\(needed == 1 ? "" : "s")"
            if !counted.isEmpty { text += ": \(describe(counted))" }
            if !refused.isEmpty { text += "; not counted: " + refused.map(\.explanation).joined(separator: "; ") }
            return text
        }
    }

    /// Each approval that counted and how it was made: `alice@example.com (cli)`,
    /// `ssh:bob@example.com (ssh-signed SHA256:…)`.
    package static func describe(_ approvals: [CountedApproval]) -> String {
        approvals.map { "\($0.identity) (\($0.method.description))" }.joined(separator: ", ")
    }

    /// The approvals that counted, for JSON documents.
    package static func json(_ approvals: [CountedApproval]) -> JSONValue {
        .array(approvals.map { approval in
            var members: [String: JSONValue] = ["identity": .string(approval.identity)]
            switch approval.method {
            case .cli: members["method"] = .string("cli")
            case .sshSigned(let fingerprint):
                members["method"] = .string("ssh-signed")
                members["fingerprint"] = .string(fingerprint)
            case .githubReview(let repository, let pullRequest, let reviewID):
                members["method"] = .string("github-review")
                members["repository"] = .string(repository)
                members["pullRequest"] = .int(pullRequest)
                members["reviewId"] = .int(reviewID)
            case .slack(let kind, let user):
                members["method"] = .string("slack")
                members["slackAction"] = .string(kind.rawValue)
                members["slackUser"] = .string(user)
            }
            return .object(members)
        })
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
        case .awaitingMerge(let seq, let location):
            return "proposed (receipt \(seq))" + (location.isEmpty ? "" : " in \(location)") + "; a later plan shows when it took effect"
        case .failed(let seq, let detail): return "receipt \(seq): \(detail)"
        }
    }

    package static func text(_ rows: [Row], colour: ColourMode) -> String {
        guard !rows.isEmpty else { return "The plan has no changes.\n" }
        let width = rows.map(\.change.id.description.count).max() ?? 0
        let labelWidth = rows.map(\.lifecycle.label.count).max() ?? 0
        return rows.map { row in
            let (change, lifecycle) = (row.change, row.lifecycle)
            let style: ANSIStyle =
                switch lifecycle {
                case .applied: .success
                case .approved: .added
                case .pending, .awaitingMerge: .changed
                case .rejected, .failed: .error
                }
            let id = TerminalSafeText.sanitized(change.id.description)
            let padding = String(repeating: " ", count: max(0, width - change.id.description.count))
            let label = lifecycle.label + String(repeating: " ", count: max(0, max(8, labelWidth) - lifecycle.label.count))
            return "\(id)\(padding)  " + colour.apply(style, to: label) + "  " + TerminalSafeText.sanitized(detail(lifecycle)) + "\n"
        }.joined()
    }

    package static func json(_ rows: [Row]) -> JSONValue {
        .array(rows.map { row -> JSONValue in
            var members: [String: JSONValue] = [
                "id": .string(row.change.id.description),
                "state": .string(row.lifecycle.code),
                "detail": .string(detail(row.lifecycle)),
            ]
            switch row.lifecycle {
            case .approved(.approved(let by)), .pending(.approved(let by)): members["approvals"] = json(by)
            case .approved(.pending(let counted, _, _)), .pending(.pending(let counted, _, _)): members["approvals"] = json(counted)
            default: break
            }
            return .object(members)
        })
    }
}
