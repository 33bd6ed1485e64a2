/// The member names a reader of JSON looks for, kept as UTF-8 too: a key without escapes is
/// compared with them where it lies in the document, so a key that is not among them is never
/// made into a `String`.
package struct JSONMemberNames: Sendable {
    package let names: [String]
    private let utf8: [[UInt8]]

    /// At most 64 names: a reader notes those it has seen in one word (`JSONParser.readObject`).
    package init(_ names: [String]) {
        precondition(names.count <= 64, "a JSON reader looks for at most 64 member names")
        self.names = names
        utf8 = names.map { Array($0.utf8) }
    }

    /// Which name `key`'s bytes spell, or nil.
    func position(of key: UnsafeRawBufferPointer) -> Int? {
        // With memcmp, which checks the length first: a byte-by-byte Swift comparison cost about
        // 300 instructions a key; a length-and-first-eight-bytes filter or an open-addressed
        // table of the names saved nothing measurable (docs/performance.md).
        for position in utf8.indices where utf8[position].withUnsafeBytes({ bytesEqual($0, key) }) {
            return position
        }
        return nil
    }
}
