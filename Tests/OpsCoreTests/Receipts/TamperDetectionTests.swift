import Foundation
import Testing

@testable import OpsCore

/// Every way of damaging a 50-entry log that the spec names must be caught, at the right
/// entry, for the right reason. Verification runs on byte buffers in memory, so the tests
/// can afford to try every byte offset.
@Suite struct TamperDetectionTests {
    let log: ReceiptFixtures.Log

    init() throws {
        log = try ReceiptFixtures.log()
    }

    @Test func intactLogVerifies() throws {
        let report = try ReceiptLog.verify(bytes: log.bytes)
        #expect(report.isIntact)
        #expect(report.entries == 50)
        #expect(report.head == log.head)
        #expect(!report.macsChecked)
    }

    @Test func emptyLogVerifies() throws {
        let report = try ReceiptLog.verify(bytes: [])
        #expect(report.isIntact && report.entries == 0 && report.head == nil)
    }

    /// At every byte offset, several replacement bytes: flips of the low bit (digits, hex),
    /// of 0x20 (case, space) and of the high bit (UTF-8), a byte taken round all 256 values as
    /// the offset advances, and the bytes that change structure (newline, quote, backslash, space).
    /// Each variant is verified from its damaged line on, resuming after the intact lines
    /// before it (`resumedVerificationMatchesAFullPass` shows that gives the full pass's answer).
    @Test func everySingleByteChangeIsCaughtAtItsLine() throws {
        var misses: [String] = []
        var variants = 0
        for line in log.lines.indices {
            let rest = log.lines[line...].flatMap { $0 }
            var variant = rest
            for offset in log.lines[line].indices {
                let byte = rest[offset]
                let isNewline = offset == log.lines[line].count - 1
                for replacement in Self.replacements(for: byte, at: log.offset(ofLine: line) + offset) {
                    variant[offset] = replacement
                    variants += 1
                    let report = try log.verify(from: line, rest: variant)
                    if let problem = Self.problem(with: report, line: line, isNewlineOfLastLine: line == 49 && isNewline)
                    {
                        misses.append("line \(line) offset \(offset) -> 0x\(String(replacement, radix: 16)): \(problem)")
                    }
                }
                variant[offset] = byte
            }
        }
        #expect(variants > 8 * log.bytes.count / 2)
        #expect(misses.isEmpty, "\(misses.count) missed, first: \(misses.prefix(5))")
    }

    static func replacements(for byte: UInt8, at offset: Int) -> Set<UInt8> {
        var set: Set<UInt8> = [
            byte ^ 0x01, byte ^ 0x20, byte ^ 0x80, UInt8(truncatingIfNeeded: offset &* 37), 0x0A, 0x22, 0x5C, 0x20,
        ]
        set.remove(byte)
        return set
    }

    /// On the first line every one of the 255 other values is tried at every offset.
    @Test func everyValueAtEveryOffsetOfTheFirstLine() throws {
        let original = log.bytes
        var variant = original
        var misses: [String] = []
        for offset in 0..<log.lines[0].count {
            for replacement in UInt8.min...UInt8.max where replacement != original[offset] {
                variant[offset] = replacement
                // A full pass: it stops at the first line anyway.
                let report = try ReceiptLog.verify(bytes: variant)
                if let problem = Self.problem(with: report, line: 0, isNewlineOfLastLine: false) {
                    misses.append("offset \(offset) -> 0x\(String(replacement, radix: 16)): \(problem)")
                }
            }
            variant[offset] = original[offset]
        }
        #expect(misses.isEmpty, "\(misses.count) missed, first: \(misses.prefix(5))")
    }

    /// The shortcut the exhaustive test takes is sound: for a spread of damaged variants,
    /// resuming after the intact prefix reports exactly what a full pass reports.
    @Test func resumedVerificationMatchesAFullPass() throws {
        let original = log.bytes
        var checked = 0
        for offset in stride(from: 0, to: original.count, by: 59) {
            let line = (0..<50).last { log.offset(ofLine: $0) <= offset }!
            for replacement in Self.replacements(for: original[offset], at: offset) {
                var full = original
                full[offset] = replacement
                let rest = Array(full[log.offset(ofLine: line)...])
                #expect(try log.verify(from: line, rest: rest) == ReceiptLog.verify(bytes: full), "offset \(offset)")
                checked += 1
            }
        }
        #expect(checked > 400)
    }

    /// Only a last line that lost its newline is torn; every other change, a complete last
    /// line joined from two included, is an edit at the changed line.
    private static func problem(with report: VerificationReport, line: Int, isNewlineOfLastLine: Bool) -> String? {
        guard let failure = report.failure else { return "not detected" }
        if failure.seq != line { return "reported at seq \(failure.seq) instead of \(line) (\(failure.kind))" }
        switch failure.reason {
        case .edited, .notCanonical, .unparsable:
            return isNewlineOfLastLine ? "expected a torn last line, got \(failure.kind)" : nil
        case .tornLastLine:
            return isNewlineOfLastLine ? nil : "torn last line reported for line \(line)"
        default:
            return "unexpected reason \(failure.kind)"
        }
    }

    @Test(arguments: 0..<50)
    func everyLineDeletion(_ deleted: Int) throws {
        var lines = log.lines
        lines.remove(at: deleted)
        let report = try ReceiptFixtures.verify(lines, expectHead: ExpectedHead(log.head))
        let failure = try #require(report.failure)
        #expect(failure.seq == deleted)
        if deleted == 49 {
            // Removing the last entry leaves a sound chain: only the recorded head shows it.
            #expect(failure.reason == .truncated(expected: ExpectedHead(log.head), lastSeq: 48))
            #expect(try ReceiptFixtures.verify(lines).isIntact)
        } else {
            #expect(failure.reason == .deleted(missing: deleted...deleted))
        }
    }

    @Test func deletingSeveralLinesNamesTheRange() throws {
        var lines = log.lines
        lines.removeSubrange(10..<13)
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(failure.seq == 10 && failure.reason == .deleted(missing: 10...12))
        #expect(failure.message.contains("seq 10...12 were deleted"))
    }

    @Test(arguments: 0..<49)
    func everyAdjacentReorder(_ first: Int) throws {
        var lines = log.lines
        lines.swapAt(first, first + 1)
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(failure.seq == first)
        #expect(failure.reason == .reordered(found: first + 1))
    }

    @Test func lineMovedFarBackIsAReorder() throws {
        var lines = log.lines
        let moved = lines.remove(at: 40)
        lines.insert(moved, at: 5)
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(failure.seq == 5 && failure.reason == .reordered(found: 40))
    }

    /// A copy of line 10 inserted at every position: reported where the log stops making sense.
    @Test(arguments: 0...50)
    func insertedCopyOfALine(_ position: Int) throws {
        var lines = log.lines
        lines.insert(log.lines[10], at: position)
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        // A copy right before or after the original is indistinguishable: both break at line 11.
        let expectedSeq = (position == 10 || position == 11) ? 11 : position
        #expect(failure.seq == expectedSeq)
        #expect(failure.reason == .inserted(found: 10))
    }

    @Test(arguments: [
        ("\"seq\":", "\"seq\": "), (",\"ts\"", ", \"ts\""), ("{\"actor\"", "{ \"actor\""), ("\"v\":1}", "\"v\":1 }"),
        ("\"v\":1}", "\"v\":1}\t"), ("\"v\":1}", "\"v\":1}\r"), ("\"kind\":", "\n\"kind\":"),
    ])
    func whitespaceOnlyEditIsNotCanonical(find: String, replace: String) throws {
        for target in [0, 17, 49] {
            var lines = log.lines
            let text = String(decoding: lines[target], as: UTF8.self)
            lines[target] = Array(text.replacingOccurrences(of: find, with: replace).utf8)
            #expect(lines[target] != log.lines[target])
            let failure = try #require(try ReceiptFixtures.verify(lines).failure)
            #expect(failure.seq == target, "\(find) in line \(target)")
            if replace.hasPrefix("\n") {
                // A newline splits the line; the first half is complete but not a receipt.
                #expect(failure.kind == "unparsable")
            } else {
                guard case .notCanonical = failure.reason else {
                    Issue.record("expected not-canonical, got \(failure.kind) for \(find) in line \(target)")
                    continue
                }
            }
        }
    }

    @Test func rehashedForgeryBreaksTheNextLink() throws {
        var lines = log.lines
        let original = log.receipts[20]
        let forged = try Receipt(
            seq: 20, ts: original.ts, kind: original.kind, actor: "mallory", body: original.body, prev: original.prev)
        lines[20] = forged.line
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(failure.seq == 21 && failure.reason == .brokenLink)
    }

    @Test func tornTailIsReportedAtEveryCutNeverDropped() throws {
        let bytes = log.bytes
        let lastLineStart = bytes.count - log.lines[49].count
        for cut in (lastLineStart + 1)..<bytes.count {
            let report = try ReceiptLog.verify(bytes: Array(bytes[..<cut]))
            let failure = try #require(report.failure, "cut at \(cut)")
            #expect(failure.seq == 49)
            #expect(failure.reason == .tornLastLine(byteCount: cut - lastLineStart))
            #expect(report.entries == 49)
        }
    }

    @Test func completeGarbageLineIsAnEditAtTheEndAsInTheMiddle() throws {
        var lines = log.lines
        lines.append(Array("{\"half\":\n".utf8))
        let last = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(last.seq == 50 && last.kind == "unparsable")
        #expect(last.message.contains("was edited") && !last.message.contains("torn"))
        lines.append(log.lines[0])
        let middle = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(middle.seq == 50)
        guard case .unparsable = middle.reason else {
            Issue.record("expected unparsable, got \(middle.kind)")
            return
        }
    }

    @Test func recordedHeadCatchesTruncationAndRewrite() throws {
        let expected = ExpectedHead(log.head)
        #expect(try ReceiptFixtures.verify(log.lines, expectHead: expected).expectedHeadSeq == 49)

        let truncated = try #require(try ReceiptFixtures.verify(Array(log.lines[..<45]), expectHead: expected).failure)
        #expect(truncated.seq == 45 && truncated.reason == .truncated(expected: expected, lastSeq: 44))
        let emptied = try #require(try ReceiptFixtures.verify([], expectHead: expected).failure)
        #expect(emptied.reason == .truncated(expected: expected, lastSeq: nil))

        // A whole chain rewritten from entry 20 on is sound by itself; the recorded head is not in it.
        let rewritten = try ReceiptFixtures.log { index in
            index >= 20 ? ["changeId": "github.label.create.evil", "i": .int(index)] : ReceiptFixtures.body(index)
        }
        #expect(try ReceiptFixtures.verify(rewritten.lines).isIntact)
        let mismatch = try #require(try ReceiptFixtures.verify(rewritten.lines, expectHead: expected).failure)
        #expect(mismatch.seq == 49)
        #expect(mismatch.reason == .headMismatch(expected: expected, found: rewritten.head.hash))
        let hashOnly = ExpectedHead(hash: log.head.hash)
        let notFound = try #require(try ReceiptFixtures.verify(rewritten.lines, expectHead: hashOnly).failure)
        #expect(notFound.reason == .headNotFound(expected: hashOnly))
    }

    @Test func earlierCheckpointStaysValidAsTheLogGrows() throws {
        let checkpoint = ExpectedHead(log.receipts[30].head)
        let report = try ReceiptFixtures.verify(log.lines, expectHead: checkpoint)
        #expect(report.isIntact && report.expectedHeadSeq == 30)
        #expect(try ReceiptFixtures.verify(log.lines, expectHead: ExpectedHead(hash: log.receipts[30].hash)).isIntact)
    }
}

@Suite struct MACTamperTests {
    let key = Array("a receipts key of reasonable length".utf8)

    @Test func macLogVerifiesOnlyWithItsKey() throws {
        let log = try ReceiptFixtures.log(key: key)
        #expect(log.receipts.allSatisfy { $0.mac != nil })
        let report = try ReceiptFixtures.verify(log.lines, key: key)
        #expect(report.isIntact && report.macsChecked)
        // Without a key the chain still verifies; MACs are simply not checked.
        #expect(try ReceiptFixtures.verify(log.lines).isIntact)
        let wrongKey = try #require(try ReceiptFixtures.verify(log.lines, key: Array("other".utf8)).failure)
        #expect(wrongKey.seq == 0 && wrongKey.reason == .badMAC)
    }

    @Test(arguments: [0, 25, 49])
    func rehashedForgeryIsCaughtByItsMAC(_ target: Int) throws {
        let log = try ReceiptFixtures.log(key: key)
        let original = log.receipts[target]
        // The forger can recompute the hash but not the MAC: keep the old MAC, or seal with a guess.
        let resealed = try Receipt(
            seq: target, ts: original.ts, kind: original.kind, actor: "mallory", body: original.body,
            prev: original.prev, key: Array("guess".utf8))
        guard case .object(var keptMAC) = resealed.jsonValue else {
            Issue.record("a receipt is a JSON object")
            return
        }
        keptMAC["mac"] = .string(original.mac!)
        for forgedLine in [resealed.line, JSONWriter.canonicalBytes(.object(keptMAC)) + [0x0A]] {
            var lines = log.lines
            lines[target] = forgedLine
            let failure = try #require(try ReceiptFixtures.verify(lines, key: key).failure)
            #expect(failure.seq == target && failure.reason == .badMAC)
        }
    }

    @Test func forgeryWithoutAMACIsCaught() throws {
        let log = try ReceiptFixtures.log(key: key)
        let original = log.receipts[7]
        let forged = try Receipt(
            seq: 7, ts: original.ts, kind: original.kind, actor: "mallory", body: original.body, prev: original.prev)
        var lines = log.lines
        lines[7] = forged.line
        let failure = try #require(try ReceiptFixtures.verify(lines, key: key).failure)
        #expect(failure.seq == 7 && failure.reason == .missingMAC)
    }
}
