/// One bit per pair of bytes: whether some text of a set begins with the pair (a one-byte text:
/// with its byte followed by anything). The redactor's scans test a position's next two bytes
/// here before they compare anything (docs/performance.md). Held behind an unsafe pointer, so
/// that reading it in a scan's loop retains nothing; written only while it is made, then read
/// from any thread. Its owner frees it (`deallocate`), or keeps it for the process's life.
struct BytePairBits: @unchecked Sendable {
    private let words: UnsafeMutableBufferPointer<UInt64>

    /// `texts` must not hold an empty text.
    init(startsOf texts: [[UInt8]]) {
        words = .allocate(capacity: 65_536 / 64)
        words.initialize(repeating: 0)
        for text in texts {
            let first = Int(text[0]) << 8
            let pairs = text.count > 1 ? first | Int(text[1])...first | Int(text[1]) : first...first | 0xFF
            for pair in pairs { words[pair >> 6] |= 1 << UInt64(pair & 63) }
        }
    }

    func contains(_ first: UInt8, _ second: UInt8) -> Bool {
        let pair = Int(first) << 8 | Int(second)
        return words[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    func deallocate() {
        words.deallocate()
    }
}
