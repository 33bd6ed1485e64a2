/// The last entry of a chain: its `seq` and `hash`. This is what `receipts verify` prints and
/// what `.opsctl/checkpoint` stores.
package struct ReceiptHead: Sendable, Hashable, CustomStringConvertible {
    package var seq: Int
    package var hash: String

    package init(seq: Int, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// `seq hash`, the checkpoint file's format.
    package var description: String { "\(seq) \(hash)" }
}

/// An entry the chain must still contain — a head recorded earlier (checkpoint, CI artifact,
/// `--expect-head`). No chain can detect on its own that its end was cut off or that it was
/// rewritten from the start; comparing against a head kept elsewhere can.
///
/// Entries appended after the expected one are fine: a checkpoint written after an apply must
/// stay valid when later approvals are appended. When `seq` is known, the entry with that seq
/// must carry `hash`; when only the hash is known, some entry must carry it.
package struct ExpectedHead: Sendable, Hashable, CustomStringConvertible {
    package var seq: Int?
    package var hash: String

    package init(seq: Int? = nil, hash: String) {
        self.seq = seq
        self.hash = hash.lowercased()
    }

    package init(_ head: ReceiptHead) {
        self.init(seq: head.seq, hash: head.hash)
    }

    /// Reads `HASH`, `SEQ HASH` or `SEQ:HASH` (64 hex digits); nil for anything else.
    package init?(parsing text: String) {
        let trimmed = text.trimmingEdges(of: " \t\r\n")
        let separator = trimmed.firstIndex { $0 == " " || $0 == ":" }
        var seq: Int?
        var hash = Substring(trimmed)
        if let separator {
            guard let number = Int(trimmed[..<separator]), number >= 0 else { return nil }
            seq = number
            hash = trimmed[trimmed.index(after: separator)...]
        }
        let lowered = hash.lowercased()
        guard Hex.isLowercaseHex(lowered, count: 64) else { return nil }
        self.init(seq: seq, hash: lowered)
    }

    package var description: String { seq.map { "\($0) \(hash)" } ?? hash }
}

extension String {
    /// Trims a small fixed set of scalars (by scalar: "\r\n" is one Character, not two).
    fileprivate func trimmingEdges(of set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var slice = Substring(self).unicodeScalars
        while let first = slice.first, scalars.contains(first) { slice.removeFirst() }
        while let last = slice.last, scalars.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
