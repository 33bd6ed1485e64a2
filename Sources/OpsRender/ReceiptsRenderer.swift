import OpsCore

/// The human and JSON views of `opsctl receipts verify`, `list` and `repair`: one model each,
/// two shapes. Hashes are printed in full where a user copies them (the head, for
/// `--expect-head` or a checkpoint) and shortened where they only identify a row.
package enum ReceiptsRenderer {
    /// What `verify` checked and found: the report plus the facts around it that the report
    /// cannot know (whether the file exists, where the expected head came from).
    package struct Verification: Sendable, Equatable {
        package enum ExpectationSource: Sendable, Equatable {
            /// Given on the command line; `spelling` is how the user wrote it.
            case option(spelling: String)
            /// The checkpoint file beside the log, read because no head was given.
            case checkpoint(path: String)
        }

        package var logPath: String
        package var logExists: Bool
        package var expectedHead: ExpectedHead?
        package var expectationSource: ExpectationSource?
        package var report: VerificationReport

        package init(
            logPath: String, logExists: Bool, expectedHead: ExpectedHead?, expectationSource: ExpectationSource?,
            report: VerificationReport
        ) {
            self.logPath = logPath
            self.logExists = logExists
            self.expectedHead = expectedHead
            self.expectationSource = expectationSource
            self.report = report
        }
    }

    /// How many hex digits of a hash identify a receipt in a table (as git's short hashes do).
    package static let shortHashLength = 12

    // MARK: verify

    /// Standard output for an intact log: `Receipts intact: N entries, head seq S sha256:HASH`,
    /// or a line saying there is nothing yet. `verbose` adds what was checked beyond hashes.
    package static func intactSummary(_ verification: Verification, verbose: Bool, colour: ColourMode) -> String {
        let report = verification.report
        let path = TerminalSafeText.sanitized(verification.logPath)
        guard let head = report.head else {
            let why = verification.logExists ? "\(path) is empty" : "\(path) does not exist"
            return "No receipts yet: \(why).\n"
        }
        let entries = report.entries == 1 ? "1 entry" : "\(report.entries) entries"
        var output = colour.apply(.success, to: "Receipts intact:") + " \(entries), head seq \(head.seq) sha256:\(head.hash)\n"
        if verbose {
            output += report.macsChecked
                ? "Every entry carries a valid MAC for OPSCTL_RECEIPTS_KEY.\n"
                : "MACs were not checked: OPSCTL_RECEIPTS_KEY is not set.\n"
            if let expected = verification.expectedHead, let foundAt = report.expectedHeadSeq {
                output += "The expected head \(expected.hash.prefix(shortHashLength))… (\(sourceDescription(verification.expectationSource))) is entry seq \(foundAt).\n"
            }
        }
        return output
    }

    /// Standard error for a broken log: the first broken entry and why as a diagnostic with a
    /// hint, where the expected head came from when it is to blame, and the last intact head.
    package static func brokenReport(_ verification: Verification, colour: ColourMode) -> String {
        let report = verification.report
        guard let failure = report.failure else { return "" }
        var diagnostic = failure.diagnostic
        if isAboutExpectedHead(failure), let expected = verification.expectedHead {
            diagnostic.notes.append(Diagnostic.Note(
                message: "the expected head \(expected.description) came from \(sourceDescription(verification.expectationSource))",
                location: nil
            ))
        }
        var output = DiagnosticTextRenderer.render(diagnostic, colour: colour)
        if let head = report.head {
            let entries = report.entries == 1 ? "1 entry" : "\(report.entries) entries"
            output += "Last intact head: seq \(head.seq) sha256:\(head.hash) (\(entries) verified before the break).\n"
        } else {
            output += "No entry verified before the break.\n"
        }
        return output
    }

    /// `verify --json`: one document whether the log is intact or not.
    package static func verificationJSON(_ verification: Verification) -> [String: JSONValue] {
        let report = verification.report
        var expected: JSONValue = .null
        if let head = verification.expectedHead {
            var members: [String: JSONValue] = [
                "seq": head.seq.map(JSONValue.int) ?? .null,
                "hash": .string(head.hash),
                "foundAtSeq": report.expectedHeadSeq.map(JSONValue.int) ?? .null,
            ]
            switch verification.expectationSource {
            case .checkpoint(let path)?:
                members["source"] = "checkpoint"
                members["checkpoint"] = .string(path)
            case .option?, nil:
                members["source"] = "option"
            }
            expected = .object(members)
        }
        var failure: JSONValue = .null
        if let broken = report.failure {
            failure = [
                "seq": .int(broken.seq),
                "line": .int(broken.line),
                "byteOffset": .int(broken.byteOffset),
                "kind": .string(broken.kind),
                "message": .string(broken.message),
                "hint": broken.hint.map(JSONValue.string) ?? .null,
            ]
        }
        return [
            "intact": .bool(report.isIntact),
            "path": .string(verification.logPath),
            "exists": .bool(verification.logExists),
            "entries": .int(report.entries),
            "head": headJSON(report.head),
            "macsChecked": .bool(report.macsChecked),
            "expectedHead": expected,
            "failure": failure,
        ]
    }

    // MARK: list

    /// A compact table, one receipt a row: seq, time, kind, actor, change ID(s), short hash.
    /// Actor and change IDs come from the log, which anyone could have edited, so they are made
    /// terminal-safe.
    package static func table(_ receipts: [Receipt]) -> String {
        let header = ["SEQ", "TIME", "KIND", "ACTOR", "CHANGE", "HASH"]
        let rows = receipts.map { receipt in
            [
                String(receipt.seq),
                TerminalSafeText.sanitized(receipt.ts),
                TerminalSafeText.sanitized(receipt.kind.rawValue),
                TerminalSafeText.sanitized(receipt.actor),
                TerminalSafeText.sanitized(changeColumn(receipt)),
                String(receipt.hash.prefix(shortHashLength)),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { width(of: $0[column]) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - width(of: cells[column]))
                // Numbers line up on the right, words on the left.
                if column == 0 { return padding + cells[column] }
                return column == cells.count - 1 ? cells[column] : cells[column] + padding
            }
            return padded.joined(separator: "  ") + "\n"
        }
        return ([header] + rows).map(line).joined()
    }

    /// What `list` prints when no receipt is left to show.
    package static func emptyList(logPath: String, logExists: Bool, filtered: Bool) -> String {
        let path = TerminalSafeText.sanitized(logPath)
        if !logExists { return "No receipts yet: \(path) does not exist.\n" }
        return filtered ? "No receipts in \(path) match.\n" : "No receipts yet: \(path) is empty.\n"
    }

    /// `list --json`: the receipts exactly as stored, every member included.
    package static func listJSON(_ receipts: [Receipt]) -> JSONValue {
        .array(receipts.map(\.jsonValue))
    }

    // MARK: repair

    /// What `repair` moved where, and the receipt that records it.
    package static func repairSummary(_ result: RepairResult, logPath: String) -> String {
        let bytes = result.fragmentByteCount == 1 ? "1 byte" : "\(result.fragmentByteCount) bytes"
        let recovery = result.recovery
        return "Moved the torn tail of \(TerminalSafeText.sanitized(logPath)) (\(bytes) from byte \(result.truncatedAt), "
            + "sha256:\(result.fragmentSHA256)) to \(TerminalSafeText.sanitized(result.quarantinePath)).\n"
            + "Recorded recovery receipt seq \(recovery.seq) sha256:\(recovery.hash).\n"
    }

    package static func nothingToRepair(logPath: String, logExists: Bool) -> String {
        let path = TerminalSafeText.sanitized(logPath)
        return logExists
            ? "Nothing to repair: \(path) ends with a complete receipt.\n"
            : "Nothing to repair: \(path) does not exist.\n"
    }

    // MARK: Helpers

    private static func headJSON(_ head: ReceiptHead?) -> JSONValue {
        head.map { ["seq": .int($0.seq), "hash": .string($0.hash)] } ?? .null
    }

    /// The change a receipt is about: its `changeId`, or the first of its `changeIds` and how
    /// many more there are; `-` for receipts about no change.
    private static func changeColumn(_ receipt: Receipt) -> String {
        if case .string(let id)? = receipt.body[Receipt.changeIDKey] { return id }
        if case .array(let items)? = receipt.body[Receipt.changeIDsKey] {
            let ids = items.compactMap(\.stringValue)
            guard let first = ids.first else { return "-" }
            return ids.count == 1 ? first : "\(first) +\(ids.count - 1)"
        }
        return "-"
    }

    private static func isAboutExpectedHead(_ failure: VerificationFailure) -> Bool {
        switch failure.reason {
        case .truncated, .headMismatch, .headNotFound: true
        default: false
        }
    }

    private static func sourceDescription(_ source: Verification.ExpectationSource?) -> String {
        switch source {
        case .checkpoint(let path)?: "the checkpoint \(TerminalSafeText.sanitized(path))"
        case .option(let spelling)?: spelling
        case nil: "the command line"
        }
    }

    private static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + DisplayWidth.columns(of: $1) }
    }
}
