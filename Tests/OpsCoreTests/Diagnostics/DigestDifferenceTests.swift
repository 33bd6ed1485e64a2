import Testing

@testable import OpsCore

/// Messages that compare two digests must show two different strings whenever the digests
/// differ, wherever the first differing digit is.
@Suite struct DigestDifferenceTests {
    static let base = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    static func changed(at index: Int) -> String {
        var digits = Array(base)
        digits[index] = digits[index] == "0" ? "1" : "0"
        return String(digits)
    }

    @Test func everyPositionOfDifferenceShowsOnBothSides() {
        for index in 0..<64 {
            let other = Self.changed(at: index)
            for (a, b) in [(Self.base, other), ("sha256:" + Self.base, "sha256:" + other)] {
                let (shownA, shownB) = DigestDifference.pair(a, b)
                #expect(shownA != shownB, "difference at \(index)")
                // Same length, and short: a window, not the digest.
                #expect(shownA.count == shownB.count && shownA.count <= 7 + 1 + 12 + 1)
                // Each side is a real piece of its digest.
                let pieceA = shownA.replacingOccurrences(of: "sha256:", with: "").replacingOccurrences(of: "…", with: "")
                #expect(a.contains(pieceA))
            }
        }
    }

    @Test func shapes() {
        let late = Self.changed(at: 40)
        #expect(DigestDifference.pair("sha256:" + Self.base, "sha256:" + late) == ("sha256:…4f1b2b0b822c…", "sha256:…4f1b0b0b822c…"))
        #expect(DigestDifference.pair(Self.base, Self.changed(at: 3)) == ("9f86d081884c…", "9f80d081884c…"))
        #expect(DigestDifference.pair(Self.base, Self.base) == ("9f86d081884c…", "9f86d081884c…"))
        #expect(DigestDifference.pair(Self.base, Self.changed(at: 63)) == ("…6c15b0f00a08", "…6c15b0f00a00"))
        // No common label: compared as they are.
        #expect(DigestDifference.pair("none", "sha256:" + Self.base) == ("none", "sha256:9f86d…"))
    }

    @Test func messagesThatCompareDigestsShowWhereTheyDiffer() {
        let late = Self.changed(at: 50)
        let plan = PlanFileError(path: "plan.json", reason: .digestMismatch(recorded: "sha256:" + Self.base, actual: "sha256:" + late))
        #expect(plan.message.contains("digest sha256:…2cd15d6c15b0… recorded, content hashes to sha256:…2cd10d6c15b0…"), "\(plan.message)")

        let head = ExpectedHead(seq: 3, hash: Self.base)
        let failure = VerificationFailure(
            path: nil, seq: 3, line: 4, byteOffset: 0, reason: .headMismatch(expected: head, found: late))
        #expect(failure.message.contains("has hash …2cd10d6c15b0… but the expected head is …2cd15d6c15b0…"), "\(failure.message)")
    }
}
