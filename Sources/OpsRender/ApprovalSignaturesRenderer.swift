import OpsCore

/// `receipts verify --approvals`: every signed approval in the log and whether its signature
/// still verifies against allowed_signers, as text and JSON.
package enum ApprovalSignaturesRenderer {
    package enum Outcome: Sendable, Equatable {
        /// Verified, by libcrypto or by ssh-keygen.
        case verified(checkedBy: String)
        case refused(String)
    }

    package struct Row: Sendable, Equatable {
        package var seq: Int
        package var changeID: String
        package var identity: String
        package var fingerprint: String
        package var outcome: Outcome

        package init(seq: Int, changeID: String, identity: String, fingerprint: String, outcome: Outcome) {
            self.seq = seq
            self.changeID = changeID
            self.identity = identity
            self.fingerprint = fingerprint
            self.outcome = outcome
        }
    }

    package static func text(_ rows: [Row], colour: ColourMode) -> String {
        guard !rows.isEmpty else { return "No signed approvals in the log.\n" }
        let failed = rows.filter { if case .refused = $0.outcome { true } else { false } }.count
        var text = rows.map { row in
            let subject = "receipt \(row.seq): \(TerminalSafeText.sanitized(row.changeID)) approved by \(TerminalSafeText.sanitized(row.identity)) (\(TerminalSafeText.sanitized(row.fingerprint)))"
            switch row.outcome {
            case .verified(let checker): return "\(subject): " + colour.apply(.success, to: "signature verified") + " (\(checker))\n"
            case .refused(let why): return "\(subject): " + colour.apply(.error, to: "signature refused") + ": \(TerminalSafeText.sanitized(why))\n"
            }
        }.joined()
        text += failed == 0
            ? "All \(rows.count) signed approval\(rows.count == 1 ? "" : "s") verified.\n"
            : "\(failed) of \(rows.count) signed approval\(rows.count == 1 ? "" : "s") did not verify.\n"
        return text
    }

    package static func json(_ rows: [Row]) -> JSONValue {
        .array(rows.map { row in
            var members: [String: JSONValue] = [
                "seq": .int(row.seq), "changeId": .string(row.changeID), "identity": .string(row.identity),
                "fingerprint": .string(row.fingerprint),
            ]
            switch row.outcome {
            case .verified(let checker):
                members["verified"] = .bool(true)
                members["checkedBy"] = .string(checker)
            case .refused(let why):
                members["verified"] = .bool(false)
                members["problem"] = .string(why)
            }
            return .object(members)
        })
    }
}
