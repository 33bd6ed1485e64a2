import Foundation
import Testing

@testable import OpsCore

/// Large runs of lines are checked on several threads and then linked in order
/// (`ReceiptChainVerifier.consume(block:at:)`). Whatever the damage, the report must be the one
/// a single thread reading line by line gives: same entry, line, byte offset and reason.
@Suite struct ParallelVerificationTests {
    /// Enough lines that a block is shared among threads on any machine with two processors.
    static let count = 4 * ReceiptChainVerifier.minimumLinesPerThread + 7

    static func lineByLine(_ bytes: [UInt8], key: [UInt8]? = nil, expectHead: ExpectedHead? = nil) throws
        -> VerificationReport
    {
        var verifier = try ReceiptChainVerifier(path: "log", key: key, expectation: expectHead)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let keepGoing = try bytes.withUnsafeBytes { buffer in
                try verifier.consume(
                    UnsafeRawBufferPointer(rebasing: buffer[start..<end]), at: start, terminated: end < bytes.count)
            }
            if !keepGoing { break }
            start = end + 1
        }
        return verifier.finish()
    }

    static func inBlocks(_ bytes: [UInt8], key: [UInt8]? = nil, expectHead: ExpectedHead? = nil) throws
        -> VerificationReport
    {
        try bytes.withUnsafeBytes { buffer in
            try ReceiptChainVerifier.verify(bytes: buffer, path: "log", key: key, expectHead: expectHead)
        }
    }

    static func damaged(_ lines: [[UInt8]]) -> [(String, [UInt8])] {
        var variants: [(String, [UInt8])] = [("intact", lines.flatMap { $0 })]
        var edited = lines
        edited[1_500][40] ^= 0x01
        variants.append(("edited late", edited.flatMap { $0 }))
        var early = lines
        early[3][30] ^= 0x20
        variants.append(("edited early", early.flatMap { $0 }))
        var deleted = lines
        deleted.remove(at: 700)
        variants.append(("deleted", deleted.flatMap { $0 }))
        var reordered = lines
        reordered.swapAt(300, 1_800)
        variants.append(("reordered", reordered.flatMap { $0 }))
        var inserted = lines
        inserted.insert(lines[900], at: 1_300)
        variants.append(("inserted", inserted.flatMap { $0 }))
        var spaced = lines
        spaced[1_000].insert(0x20, at: 1)
        variants.append(("not canonical", spaced.flatMap { $0 }))
        var garbage = lines
        garbage[1_200] = Array("not json at all\n".utf8)
        variants.append(("unparsable", garbage.flatMap { $0 }))
        var torn = lines.flatMap { $0 }
        torn.removeLast(20)
        variants.append(("torn last line", torn))
        var gapThenGarbage = lines
        gapThenGarbage.remove(at: 100)
        gapThenGarbage[1_600] = Array("{}\n".utf8)
        variants.append(("gap, then a line without a seq", gapThenGarbage.flatMap { $0 }))
        return variants
    }

    @Test func damageIsReportedAsLineByLineReportsIt() throws {
        let log = try ReceiptFixtures.log(count: Self.count)
        for (name, bytes) in Self.damaged(log.lines) {
            let expected = try Self.lineByLine(bytes)
            let found = try Self.inBlocks(bytes)
            #expect(found == expected, "\(name)")
            #expect(name == "intact" ? found.isIntact : !found.isIntact, "\(name)")
        }
    }

    @Test func macsAndExpectedHeadsAreCheckedAsLineByLine() throws {
        let key = Array("a receipts key for parallel checks".utf8)
        let log = try ReceiptFixtures.log(count: Self.count, key: key)
        for (name, bytes) in Self.damaged(log.lines) {
            #expect(try Self.inBlocks(bytes, key: key) == Self.lineByLine(bytes, key: key), "\(name), right key")
            let wrong = Array("another key".utf8)
            #expect(try Self.inBlocks(bytes, key: wrong) == Self.lineByLine(bytes, key: wrong), "\(name), wrong key")
        }
        let plain = try ReceiptFixtures.log(count: Self.count)
        let missing = try Self.inBlocks(plain.bytes, key: key)
        #expect(missing == (try Self.lineByLine(plain.bytes, key: key)))
        #expect(missing.failure?.reason == .missingMAC)

        let middle = log.receipts[1_234].head
        for expectation in [ExpectedHead(middle), ExpectedHead(seq: 1_234, hash: log.receipts[1_235].hash)] {
            #expect(
                try Self.inBlocks(log.bytes, key: key, expectHead: expectation)
                    == Self.lineByLine(log.bytes, key: key, expectHead: expectation))
        }
    }

    /// A file is read in chunks of `LineReader.chunkSize`, so blocks end mid-log; the report
    /// must still name the same line and byte as the in-memory pass.
    @Test func fileVerificationMatchesTheInMemoryPass() throws {
        let log = try ReceiptFixtures.log(count: 3 * Self.count)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = log.lines
        lines[5_000][50] ^= 0x01
        let bytes = lines.flatMap { $0 }
        let path = directory.appendingPathComponent("receipts.jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fromFile = try ReceiptLog(path: path).verify()
        let inMemory = try bytes.withUnsafeBytes { buffer in try ReceiptChainVerifier.verify(bytes: buffer, path: path) }
        #expect(fromFile == inMemory)
        #expect(fromFile.failure?.seq == 5_000)
        #expect(fromFile.failure?.reason == .edited)
    }
}
