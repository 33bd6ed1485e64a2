import OpsCore

/// `plan --scope secrets`: key by key and target by target, how each secret stands, rebuilt
/// from the plan's drift checks (`secrets.<target>.<state>.<KEY>`), so a saved plan shows the
/// same table. States only: no value, and no fingerprint either, ever reaches it.
package struct SecretsDriftTable: Sendable, Equatable {
    package var targets: [String]
    package var rows: [Row]

    package struct Row: Sendable, Equatable {
        package var key: String
        /// By target; a target the key does not go to has no cell.
        package var states: [String: SecretDriftState]
    }

    /// Nil when the plan has no drift checks.
    package init?(_ plan: Plan) {
        var targets: [String] = []
        var rows: [Row] = []
        // By index: a check of another scope is passed over without being copied.
        for index in plan.checks.indices where plan.checks[index].scope == .secrets {
            guard let cell = SecretDriftState.parse(checkID: plan.checks[index].id) else { continue }
            if !targets.contains(cell.target) { targets.append(cell.target) }
            if let index = rows.firstIndex(where: { $0.key == cell.key }) {
                rows[index].states[cell.target] = cell.state
            } else {
                rows.append(Row(key: cell.key, states: [cell.target: cell.state]))
            }
        }
        guard !rows.isEmpty else { return nil }
        let order = SecretTargetName.allCases.map(\.rawValue)
        self.targets = targets.sorted { (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count) }
        // Declared keys first, then keys only a target holds, each by name.
        let declared = rows.filter { !$0.states.values.allSatisfy { $0 == .extraInTarget } }.sorted { $0.key < $1.key }
        let extra = rows.filter { $0.states.values.allSatisfy { $0 == .extraInTarget } }.sorted { $0.key < $1.key }
        self.rows = declared + extra
    }

    static let notApplicable = "—"

    /// The table as aligned text, each state coloured by how it reads.
    package func text(colour: ColourMode) -> String {
        let keyWidth = max(3, rows.map { $0.key.count }.max() ?? 0)
        let widths = targets.map { target in max(target.count, SecretDriftState.allCases.map(\.label.count).max() ?? 0) }
        var output = "\nSecrets drift (values compared by keyed fingerprint, never shown):\n"
        output += "  " + pad("key", keyWidth)
        for (index, target) in targets.enumerated() { output += "  " + pad(target, widths[index]) }
        output = output.trimmingTrailingSpaces() + "\n"
        for row in rows {
            var line = "  " + pad(TerminalSafeText.sanitized(row.key), keyWidth)
            for (index, target) in targets.enumerated() {
                let text = row.states[target]?.label ?? Self.notApplicable
                let padded = pad(text, widths[index])
                line += "  " + (row.states[target].map { colour.apply(Self.style($0), to: padded) } ?? padded)
            }
            output += line.trimmingTrailingSpaces() + "\n"
        }
        return output
    }

    /// The table in Markdown, for the job summary.
    package var markdown: String {
        var output = "\n### Secrets drift\n\n| key | " + targets.joined(separator: " | ") + " |\n|---|" + targets.map { _ in "---|" }.joined() + "\n"
        for row in rows {
            let key = TerminalSafeText.sanitized(row.key).replacingOccurrences(of: "|", with: "\\|")
            output += "| `\(key)` | " + targets.map { row.states[$0]?.label ?? Self.notApplicable }.joined(separator: " | ") + " |\n"
        }
        return output
    }

    private static func style(_ state: SecretDriftState) -> ANSIStyle {
        switch state {
        case .inSync: .success
        case .differs, .missingInTarget, .missingInSource: .error
        case .unverified: .warning
        case .extraInTarget: .dim
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
