import Testing

@testable import OpsCore

@Suite("Secret needles: every registered form found in one pass")
struct SecretNeedlesTests {
    /// What a search per form finds: each form's occurrences left to right, not overlapping
    /// one another.
    private func searchedOneFormAtATime(_ forms: [[UInt8]], in text: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for form in forms where !form.isEmpty && form.count <= text.count {
            var index = 0
            while index <= text.count - form.count {
                if Array(text[index..<(index + form.count)]) == form {
                    found.append(index..<(index + form.count))
                    index += form.count
                } else {
                    index += 1
                }
            }
        }
        return found
    }

    private func searchedInOnePass(_ forms: [[UInt8]], in text: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        text.withUnsafeBufferPointer { SecretNeedles(forms: forms).occurrences(in: $0, into: &found) }
        return found
    }

    private func sorted(_ ranges: [Range<Int>]) -> [Range<Int>] {
        ranges.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    @Test func overlappingAndNestedFormsAreFoundAsASearchPerFormFindsThem() {
        let forms = ["aaa", "aa", "ab", "abab", "b", "tok3n-xyz", "3n-x"].map { Array($0.utf8) }
        let text = Array("aaaa ababab tok3n-xyztok3n-xyz b aab".utf8)
        let found = searchedInOnePass(forms, in: text)
        #expect(sorted(found) == sorted(searchedOneFormAtATime(forms, in: text)))
        // "aa": two in "aaaa" (not three) and one in "aab".
        #expect(found.filter { Array(text[$0]) == Array("aa".utf8) }.count == 3)
    }

    @Test func randomTextsOverASmallAlphabet() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab-c".utf8)
        for _ in 0..<300 {
            let forms = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            }
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(sorted(searchedInOnePass(forms, in: text)) == sorted(searchedOneFormAtATime(forms, in: text)), "forms \(forms) text \(text)")
        }
    }

    /// Texts long enough to be read eight bytes at a time, with forms beginning with few first
    /// bytes (tested a word at a time) and with many (a byte at a time), bytes above 0x7F and
    /// zero bytes among them.
    @Test func longTextsWithFewAndManyFirstBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("ab-cdefgh".utf8) + [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
        for _ in 0..<400 {
            let firstBytes = Array(alphabet.shuffled(using: &generator).prefix(Int.random(in: 1...7, using: &generator)))
            let forms = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                [firstBytes.randomElement(using: &generator)!]
                    + (0..<Int.random(in: 0...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            }
            let text = (0..<Int.random(in: 0...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(sorted(searchedInOnePass(forms, in: text)) == sorted(searchedOneFormAtATime(forms, in: text)), "forms \(forms) text \(text)")
        }
    }

    /// A form beginning at each offset of a text's words and its tail, found there and only there.
    @Test func aFormIsFoundAtEveryOffset() {
        let form = Array("q7".utf8)
        for offset in 0..<23 {
            var text = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
            text[offset] = UInt8(ascii: "q")
            text[offset + 1] = UInt8(ascii: "7")
            #expect(searchedInOnePass([form], in: text) == [offset..<(offset + 2)])
        }
    }

    @Test func emptyFormsAndTextsFindNothing() {
        #expect(searchedInOnePass([], in: Array("secret".utf8)).isEmpty)
        #expect(searchedInOnePass([[]], in: Array("secret".utf8)).isEmpty)
        #expect(searchedInOnePass([Array("secret".utf8)], in: []).isEmpty)
        #expect(searchedInOnePass([Array("secret-and-more".utf8)], in: Array("secret".utf8)).isEmpty)
    }

    /// Through the redactor: a registered value and its base64 form are masked in a check.
    @Test func aRedactedCheckHidesEveryForm() {
        let registry = SecretRegistry()
        let redactor = Redactor(registry: registry)
        redactor.register(secret: "n33dle-Canary-9182")
        let check = redactor.redact(Check(
            id: "github.label.n33dle-Canary-9182", scope: .github, name: "label", status: .fail,
            message: "saw bjMzZGxlLUNhbmFyeS05MTgy and n33dle-Canary-9182"))
        #expect(!check.id.contains("Canary"))
        #expect(!check.message.contains("Canary-9182"))
        #expect(!check.message.contains("bjMzZGxlLUNhbmFyeS05MTgy"))
    }
}
