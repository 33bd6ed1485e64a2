import Dispatch
import Glibc

/// Follows the chain line by line and stops at the first break. Fed by a file reader
/// (`ReceiptLog.verify`) or by an in-memory buffer (`verify(bytes:)`), so the rules live in
/// one place. Only a last line without its newline is torn: a write is one `write` of the line
/// and its newline, so a crash can cut it short but cannot end it early with a newline. A
/// complete line that is not a canonical, correctly hashed receipt was edited, wherever it is.
/// A seq that jumps ahead can only be named by looking further: it is a deletion unless the
/// missing seq turns up later (a reordering) or the same seq turns up again (an inserted
/// copy). For that the verifier keeps reading in a light mode that looks only at each line's seq.
struct ReceiptChainVerifier {
    private let checker: ReceiptLineChecker
    private let key: [UInt8]?
    /// Checkers for the other threads of `consume(block:at:)`, made when first needed.
    private var helpers: [ReceiptLineChecker] = []
    /// Where each line of the current block ends; kept to reuse its storage block after block.
    private var lineEnds: [Int] = []
    private let path: String?
    private let expectation: ExpectedHead?
    private var expectationSeq: Int?

    /// Number of entries verified so far, which is also the seq the next line must have.
    private var position = 0
    private var previousHash = [UInt8](repeating: UInt8(ascii: "0"), count: 64)
    /// Where the line after the last verified entry starts.
    private var endOffset = 0
    private var failure: VerificationFailure?
    private var pending: Pending?

    private enum Pending {
        /// The line at `position` had seq `found` > `position`. Deleted, unless the expected seq
        /// turns up later (reordered) or `found` turns up again (a copy was inserted).
        case gap(VerificationFailure, found: Int, sawExpected: Bool)
    }

    /// `resumingAfter` continues a pass whose entries up to and including that head verified,
    /// with the next line at file offset `byteOffset`: the rest is then checked exactly as a
    /// full pass would check it (the state between lines is just the position and the hash).
    init(
        path: String?, key: [UInt8]?, expectation: ExpectedHead?, resumingAfter head: ReceiptHead? = nil,
        byteOffset: Int = 0
    ) throws(ReceiptError) {
        do {
            checker = try ReceiptLineChecker(key: key)
        } catch {
            throw ReceiptError.crypto(error)
        }
        self.key = key
        self.path = path
        self.expectation = expectation
        if let head {
            position = head.seq + 1
            previousHash = Array(head.hash.utf8)
            endOffset = byteOffset
        }
    }

    /// Verifies a log held in memory. The same checks as `ReceiptLog.verify`, without file
    /// I/O, so tests can try many damaged variants quickly.
    static func verify(
        bytes: UnsafeRawBufferPointer, path: String? = nil, key: [UInt8]? = nil, expectHead: ExpectedHead? = nil,
        resumingAfter head: ReceiptHead? = nil, byteOffset: Int = 0
    ) throws(ReceiptError) -> VerificationReport {
        var verifier = try ReceiptChainVerifier(
            path: path, key: key, expectation: expectHead, resumingAfter: head, byteOffset: byteOffset)
        let complete = endOfWholeLines(bytes)
        var keepGoing = true
        if complete > 0 {
            keepGoing = try verifier.consume(block: UnsafeRawBufferPointer(rebasing: bytes[0..<complete]), at: byteOffset)
        }
        if keepGoing, complete < bytes.count {
            _ = try verifier.consume(
                UnsafeRawBufferPointer(rebasing: bytes[complete..<bytes.count]), at: byteOffset + complete, terminated: false)
        }
        return verifier.finish()
    }

    /// Lines in a block below which one thread checks them all: starting the others costs
    /// more than a few hundred lines take.
    static let minimumLinesPerThread = 512

    /// Lines checked ahead at most at once: bounds the verdicts held (about a hundred bytes
    /// each) however short the lines of a block are.
    static let linesPerBatch = 8_192

    /// Takes a run of whole lines (`block` ends with a newline) whose first byte is at
    /// `offset`. What a line is on its own — canonical, a receipt, its hash and MAC — depends
    /// on that line alone, so a large run is checked on several threads, each with its own
    /// checker; the chain is then followed here in line order with those verdicts, exactly as
    /// `consume(_:at:terminated:)` would follow it, so the report is the same either way.
    /// Returns false once the outcome is settled.
    mutating func consume(block: UnsafeRawBufferPointer, at offset: Int) throws(ReceiptError) -> Bool {
        let base = block.baseAddress!
        var batchStart = 0
        while batchStart < block.count {
            if failure != nil { return false }
            lineEnds.removeAll(keepingCapacity: true)
            var start = batchStart
            while start < block.count, lineEnds.count < Self.linesPerBatch,
                let newline = memchr(base + start, 0x0A, block.count - start)
            {
                let end = UnsafeRawPointer(newline) - base
                lineEnds.append(end - batchStart)
                start = end + 1
            }
            precondition(start > batchStart, "a block of whole lines ends with a newline")
            if try !consume(batch: UnsafeRawBufferPointer(rebasing: block[batchStart..<start]), at: offset + batchStart) {
                return false
            }
            batchStart = start
        }
        return true
    }

    /// One batch of `consume(block:at:)`: `lineEnds` holds where its lines end.
    private mutating func consume(batch block: UnsafeRawBufferPointer, at offset: Int) throws(ReceiptError) -> Bool {
        let lineCount = lineEnds.count
        func lineStart(_ index: Int) -> Int { index == 0 ? 0 : lineEnds[index - 1] + 1 }
        func line(_ index: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: block[lineStart(index)..<lineEnds[index]])
        }

        // After a seq gap only each line's seq is read: one thread does that faster.
        let threads = pending == nil ? ParallelMap.threadCount(for: lineCount, minimumPerThread: Self.minimumLinesPerThread) : 1
        guard threads > 1 else {
            for index in 0..<lineCount {
                if try !consume(line(index), at: offset + lineStart(index), terminated: true) { return false }
            }
            return true
        }

        while helpers.count < threads - 1 {
            do {
                helpers.append(try ReceiptLineChecker(key: key))
            } catch {
                throw ReceiptError.crypto(error)
            }
        }
        let verdicts = UnsafeMutableBufferPointer<ReceiptLineChecker.Verdict>.allocate(capacity: lineCount)
        defer {
            verdicts.baseAddress!.deinitialize(count: lineCount)
            verdicts.deallocate()
        }
        let work = ParallelLineChecks(
            block: block, lineEnds: lineEnds, checkers: [checker] + helpers.prefix(threads - 1), verdicts: verdicts)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in work.check(share: thread, of: threads) }
        for index in 0..<lineCount {
            if try !consume(line(index), at: offset + lineStart(index), terminated: true, verdict: verdicts[index]) {
                return false
            }
        }
        return true
    }

    /// Takes the next line (without its newline). Returns false once the outcome is settled
    /// and the rest of the log need not be read.
    mutating func consume(_ line: UnsafeRawBufferPointer, at offset: Int, terminated: Bool) throws(ReceiptError) -> Bool {
        try consume(line, at: offset, terminated: terminated, verdict: nil)
    }

    /// `verdict`, when given, is what `checker.verdict(line)` returns, worked out beforehand.
    private mutating func consume(
        _ line: UnsafeRawBufferPointer, at offset: Int, terminated: Bool, verdict: ReceiptLineChecker.Verdict?
    ) throws(ReceiptError) -> Bool {
        if failure != nil { return false }
        switch pending {
        case .gap(var earlier, let found, let sawExpected):
            // Light mode: only the seq of each later line matters, and only until it is settled.
            guard terminated, let seq = verdict.map({ $0.seq }) ?? checker.readSeq(line) else { return true }
            if seq == found {
                earlier.reason = .inserted(found: found)
                failure = earlier
                return false
            }
            pending = .gap(earlier, found: found, sawExpected: sawExpected || seq == position)
            return true
        case nil:
            break
        }

        func broken(_ reason: VerificationFailure.Reason) -> VerificationFailure {
            VerificationFailure(path: path, seq: position, line: position + 1, byteOffset: offset, reason: reason)
        }
        guard terminated else {
            failure = broken(.tornLastLine(byteCount: line.count))
            return false
        }
        let outcome: ReceiptLineChecker.Outcome
        do {
            if let verdict {
                outcome = try verdict.outcome.get()
            } else {
                outcome = try checker.check(line)
            }
        } catch {
            throw ReceiptError.crypto(error)
        }
        let checked: ReceiptLineChecker.CheckedLine
        switch outcome {
        case .valid(let valid):
            checked = valid
        case .unparsable(let detail):
            failure = broken(.unparsable(detail))
            return false
        case .notCanonical(let at):
            failure = broken(.notCanonical(column: at + 1))
            return false
        case .edited:
            failure = broken(.edited)
            return false
        case .badMAC:
            failure = broken(.badMAC)
            return false
        case .missingMAC:
            failure = broken(.missingMAC)
            return false
        }

        let seq = checked.seq
        if seq > position {
            pending = .gap(broken(.deleted(missing: position...(seq - 1))), found: seq, sawExpected: false)
            return true
        }
        if seq < position {
            failure = broken(.inserted(found: seq))
            return false
        }
        let prev = UnsafeRawBufferPointer(rebasing: line[checked.prev])
        let linked = previousHash.withUnsafeBytes { bytesEqual($0, prev) }
        guard linked else {
            failure = broken(.brokenLink)
            return false
        }
        let hash = UnsafeRawBufferPointer(rebasing: line[checked.hash])
        previousHash.withUnsafeMutableBytes { $0.copyMemory(from: hash) }
        position += 1
        endOffset = offset + line.count + 1

        if let expectation, expectationSeq == nil, expectation.seq == nil || expectation.seq == seq {
            if expectation.hash.utf8.elementsEqual(hash) {
                expectationSeq = seq
            } else if expectation.seq != nil {
                // The entry is a sound link of its chain, but not the one recorded earlier:
                // the chain was rewritten from here or before.
                let found = String(decoding: hash, as: UTF8.self)
                failure = VerificationFailure(
                    path: path, seq: seq, line: seq + 1, byteOffset: offset,
                    reason: .headMismatch(expected: expectation, found: found))
                return false
            }
        }
        return true
    }

    /// Settles what is still open at the end of the log and returns the report.
    mutating func finish() -> VerificationReport {
        if failure == nil, let pending {
            switch pending {
            case .gap(var earlier, let found, let sawExpected):
                if sawExpected { earlier.reason = .reordered(found: found) }
                failure = earlier
            }
        }
        if failure == nil, let expectation, expectationSeq == nil {
            let reason: VerificationFailure.Reason
            if let expectedSeq = expectation.seq, expectedSeq >= position {
                reason = .truncated(expected: expectation, lastSeq: position > 0 ? position - 1 : nil)
            } else {
                reason = .headNotFound(expected: expectation)
            }
            failure = VerificationFailure(
                path: path, seq: position, line: position + 1, byteOffset: endOffset, reason: reason)
        }
        let head =
            position > 0
            ? ReceiptHead(seq: position - 1, hash: String(decoding: previousHash, as: UTF8.self)) : nil
        return VerificationReport(
            path: path, entries: position, head: head, macsChecked: checker.checksMAC,
            expectedHeadSeq: expectationSeq, failure: failure)
    }
}

/// One block's lines shared out among threads: thread `share` of `count` checks a contiguous
/// slice with its own checker and writes only that slice's verdicts. `@unchecked` because the
/// buffers and checkers are not `Sendable`: they outlive `concurrentPerform`, which returns only
/// when every thread is done, and no two threads touch the same checker or verdict.
private struct ParallelLineChecks: @unchecked Sendable {
    let block: UnsafeRawBufferPointer
    let lineEnds: [Int]
    let checkers: [ReceiptLineChecker]
    let verdicts: UnsafeMutableBufferPointer<ReceiptLineChecker.Verdict>

    func check(share: Int, of count: Int) {
        let checker = checkers[share]
        for index in ParallelMap.slice(share, of: count, count: lineEnds.count) {
            let start = index == 0 ? 0 : lineEnds[index - 1] + 1
            let line = UnsafeRawBufferPointer(rebasing: block[start..<lineEnds[index]])
            (verdicts.baseAddress! + index).initialize(to: checker.verdict(line))
        }
    }
}
