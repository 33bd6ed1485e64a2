import OpsCore
import Testing

/// `String(concatenating:)`, which the connectors' per-resource texts use instead of interpolation.
@Suite("String concatenation")
struct ConcatenationTests {
    @Test func piecesComeOutAsInterpolationWouldJoinThem() {
        let small = "t", large = "public.a_table_name_longer_than_fifteen_bytes", accented = "ta\u{301}ble", emoji = "🐛 bug"
        #expect(String(concatenating: "supabase.column.", large, ".", small) == "supabase.column.\(large).\(small)")
        #expect(String(concatenating: "", "") == "")
        #expect(String(concatenating: small, "") == small)
        #expect(String(concatenating: "a", "b", "c", "d", "e", "f", "g", "h") == "abcdefgh")
        #expect(String(concatenating: "the label '", emoji, "' matches") == "the label '\(emoji)' matches")
        // Non-ASCII text is kept as written, not normalised: its bytes are copied.
        let joined = String(concatenating: "column ", accented)
        #expect(Array(joined.utf8) == Array("column ".utf8) + Array(accented.utf8))
        #expect(joined == "column \(accented)")
    }

    @Test func aPieceFromASubstringOrABridgedBufferIsCopiedWhole() {
        let source = "xx-middle-yy"
        let middle = String(source.dropFirst(3).dropLast(3))
        let fromBytes = String(decoding: Array("büffer".utf8), as: UTF8.self)
        #expect(String(concatenating: "[", middle, "|", fromBytes, "]") == "[middle|büffer]")
    }
}
