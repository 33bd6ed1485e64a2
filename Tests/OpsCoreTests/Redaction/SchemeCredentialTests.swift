import Testing

@testable import OpsCore

@Suite("Scheme credentials: Bearer, Basic and token words followed by a credential")
struct SchemeCredentialTests {
    private static let schemes = ["Bearer ", "Basic ", "bearer ", "basic ", "token "]

    /// What a look at every position finds: a scheme at a word's start (the byte before it not
    /// a letter or digit), more text after it, and a credential-like word there.
    private func scannedAtEveryPosition(_ text: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        let stops = Set("&#;\"'<>() \t\r\n,".utf8)
        for index in text.indices where index == 0 || !TokenShapes.isAlnum(text[index - 1]) {
            for scheme in Self.schemes.map({ Array($0.utf8) })
            where index + scheme.count < text.count && Array(text[index..<(index + scheme.count)]) == scheme {
                let start = index + scheme.count
                var end = start
                while end < text.count, !stops.contains(text[end]) { end += 1 }
                let word = Array(text[start..<end])
                let credential = word.count >= 12 && word != Array("[REDACTED]".utf8)
                    && (word.count >= 24 || word.contains { ($0 >= 0x30 && $0 <= 0x39) || "=_-+/.".utf8.contains($0) })
                if credential { found.append(start..<end) }
            }
        }
        return found
    }

    private func scanned(_ text: [UInt8]) -> [Range<Int>] {
        text.withUnsafeBufferPointer { NamedValueMasking.schemeCredentials(in: $0) }
    }

    @Test func randomTextsOfSchemesWordsAndCredentials() {
        var generator = SplitMix64(seed: 20)
        let pieces = Self.schemes + ["Bearer", "token", "xBearer ", "atoken ", " ", "(", ",", "a", "9", "0123456789abcdef0123", "opaque-value-1", "é", "\n"]
        for _ in 0..<2_000 {
            let text = Array((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            #expect(scanned(text) == scannedAtEveryPosition(text), "text \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func aSchemeAtTheEndOrInsideAWordIsNoCredential() {
        #expect(scanned(Array("Authorization: Bearer ".utf8)).isEmpty)
        #expect(scanned(Array("xBearer 0123456789abcdef0123".utf8)).isEmpty)
        #expect(scanned(Array("Bearer 0123456789abcdef0123".utf8)) == [7..<27])
        #expect(scanned(Array("(token 0123456789abcdef0123)".utf8)) == [7..<27])
    }
}
