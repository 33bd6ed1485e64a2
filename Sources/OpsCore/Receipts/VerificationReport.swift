/// What `verify` found. The log is intact when there is no `failure`.
package struct VerificationReport: Sendable, Equatable {
    package var path: String?
    /// Entries that verified, in order, before the first failure (all of them when intact).
    package var entries: Int
    /// The last entry that verified; nil for an empty log or a log broken at its first line.
    package var head: ReceiptHead?
    /// Whether MACs were checked (a key was given).
    package var macsChecked: Bool
    /// The seq of the entry that matched the expected head, when one was given and found
    /// (entries after it are fine: they were appended later).
    package var expectedHeadSeq: Int?
    package var failure: VerificationFailure?

    package var isIntact: Bool { failure == nil }

    package init(
        path: String?, entries: Int, head: ReceiptHead?, macsChecked: Bool, expectedHeadSeq: Int? = nil,
        failure: VerificationFailure?
    ) {
        self.path = path
        self.entries = entries
        self.head = head
        self.macsChecked = macsChecked
        self.expectedHeadSeq = expectedHeadSeq
        self.failure = failure
    }
}

/// The first place where the log stops being an intact chain, and why.
package struct VerificationFailure: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        /// The line's content does not hash to its `hash`: it was changed after it was written.
        case edited
        /// The line parses but is not byte-identical to its canonical form (white space,
        /// escapes, key order ...), so its bytes are not the ones that were hashed.
        /// `column` is 1-based, in bytes.
        case notCanonical(column: Int)
        /// The line is complete (it ends with a newline) but is not a receipt at all (not JSON,
        /// keys opsctl cannot tell apart, missing or mistyped members): an edit, not a crash.
        case unparsable(String)
        /// The last line ends without a newline: a write was cut short. The only damage that
        /// `repair` clears, since only a crash produces it.
        case tornLastLine(byteCount: Int)
        case badMAC
        case missingMAC
        /// Entries with these seqs are gone: the next line that is there has a later seq.
        case deleted(missing: ClosedRange<Int>)
        /// The entry with seq `found` stands where the expected seq should be, and the expected
        /// one appears later: lines were moved.
        case reordered(found: Int)
        /// An entry with seq `found`, already passed, appears again (a copied or spliced-in line).
        case inserted(found: Int)
        /// The entry has the right seq and is intact itself, but its `prev` is not the hash of
        /// the entry before it: that entry, or this one, was replaced by a re-sealed forgery.
        case brokenLink
        /// The expected head's seq is beyond the end of the log.
        case truncated(expected: ExpectedHead, lastSeq: Int?)
        /// The entry at the expected head's seq carries a different hash.
        case headMismatch(expected: ExpectedHead, found: String)
        /// No entry carries the expected head's hash.
        case headNotFound(expected: ExpectedHead)
    }

    package var path: String?
    /// The seq expected at the broken place (entries are numbered 0, 1, 2 ... in order).
    package var seq: Int
    /// 1-based line number.
    package var line: Int
    /// Where that line starts in the file.
    package var byteOffset: Int
    package var reason: Reason

    package init(path: String?, seq: Int, line: Int, byteOffset: Int, reason: Reason) {
        self.path = path
        self.seq = seq
        self.line = line
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// A short name for the kind of damage, for `--json` output and tables.
    package var kind: String {
        switch reason {
        case .edited: "edited"
        case .notCanonical: "not-canonical"
        case .unparsable: "unparsable"
        case .tornLastLine: "torn-last-line"
        case .badMAC: "bad-mac"
        case .missingMAC: "missing-mac"
        case .deleted: "deleted"
        case .reordered: "reordered"
        case .inserted: "inserted"
        case .brokenLink: "broken-link"
        case .truncated: "truncated"
        case .headMismatch: "head-mismatch"
        case .headNotFound: "head-not-found"
        }
    }

    package var message: String {
        let place = "seq \(seq) (line \(line))"
        switch reason {
        case .edited:
            return "\(place) was edited: its content no longer matches its hash"
        case .notCanonical(let column):
            return "\(place) is not in canonical form at column \(column), so its bytes are not the ones that were hashed"
        case .unparsable(let detail):
            return "\(place) is a complete line but not a receipt, so it was edited: \(detail)"
        case .tornLastLine(let count):
            return "the last line, \(place), is torn: its \(count) bytes end without a newline"
        case .badMAC:
            return "\(place) has a MAC that does not match: it was forged or written with another key"
        case .missingMAC:
            return "\(place) has no MAC although a receipts key is set"
        case .deleted(let missing):
            return missing.count == 1
                ? "seq \(missing.lowerBound) was deleted: line \(line) holds seq \(missing.upperBound + 1)"
                : "seq \(missing.lowerBound)...\(missing.upperBound) were deleted: line \(line) holds seq \(missing.upperBound + 1)"
        case .reordered(let found):
            return "the log was reordered: line \(line) holds seq \(found) where seq \(seq) belongs"
        case .inserted(let found):
            return "a line was inserted: line \(line) holds seq \(found) again where seq \(seq) belongs"
        case .brokenLink:
            return "\(place) does not link to the entry before it: one of them was replaced"
        case .truncated(let expected, let lastSeq):
            let end = lastSeq.map { "ends at seq \($0)" } ?? "is empty"
            return "the log was truncated: it \(end) but the expected head is seq \(expected.seq ?? 0)"
        case .headMismatch(let expected, let found):
            let (shownFound, shownExpected) = DigestDifference.pair(found, expected.hash)
            return "seq \(seq) has hash \(shownFound) but the expected head is \(shownExpected): the log was rewritten"
        case .headNotFound(let expected):
            return "no entry has the expected head hash \(expected.hash.prefix(12))…: the log was truncated or rewritten"
        }
    }

    package var hint: String? {
        switch reason {
        case .tornLastLine: "run `opsctl receipts repair` to quarantine the fragment and record a recovery receipt"
        case .badMAC, .missingMAC: "check that OPSCTL_RECEIPTS_KEY is the key this log was written with"
        case .truncated, .headMismatch, .headNotFound:
            "restore the log from the backup or CI artifact that produced the expected head"
        case .edited, .notCanonical, .unparsable:
            "restore the log from a backup; the entries before this one are intact (`receipts repair` only clears a last line cut short before its newline)"
        default: "restore the log from a backup; the entries before this one are intact"
        }
    }

    package var diagnostic: Diagnostic {
        let column: Int
        if case .notCanonical(let at) = reason { column = at } else { column = 1 }
        return Diagnostic(
            message: "the receipts log is not intact: \(message)",
            location: path.map { SourceLocation(file: $0, line: line, column: column) },
            hint: hint
        )
    }
}
