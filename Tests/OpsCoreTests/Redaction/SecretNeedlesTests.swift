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
