import Foundation
import Glibc

/// What `repair` did: where the fragment went, and the receipt that records it.
package struct RepairResult: Sendable, Equatable {
    package var quarantinePath: String
    /// Where the log was cut: the fragment was the bytes from here to the old end.
    package var truncatedAt: Int
    package var fragmentByteCount: Int
    package var fragmentSHA256: String
    package var recovery: Receipt
}

extension ReceiptLog {
    /// A longer fragment than this at the end is not a torn write, and is left for a human.
    package static let maximumRepairBytes = 16 << 20

    /// Clears a torn tail without losing a byte: the last line, when it lacks its newline, is
    /// copied to `<log>.quarantine-<time>` and made durable, then the log is cut back to the
    /// line before it, and a `recovery` receipt records the fragment's length and SHA-256.
    /// Returns nil when the log is intact.
    ///
    /// Everything before the fragment must verify first (hashes, links, canonical form, MACs
    /// with a key). A complete line that is not a receipt, or any other break, is an edit that
    /// a crash cannot produce: quarantining it would pass a deleted approval off as crash
    /// recovery, so repair refuses and names it.
    ///
    /// Each step is durable before the next starts, so a crash part way leaves either the
    /// old log (run repair again: it makes a second copy, still nothing lost) or a cut log
    /// with the quarantine file beside it.
    package func repair(actor: String, date: Date = Date()) throws(ReceiptError) -> RepairResult? {
        guard let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDWR | O_APPEND) else { return nil }
        try descriptor.lock(exclusive: true)
        let size = try descriptor.size()
        var verifier = try ReceiptChainVerifier(path: path, key: key, expectation: nil)
        try LineReader.forEachLine(in: descriptor) { (line, offset, terminated) throws(ReceiptError) in
            try verifier.consume(line, at: offset, terminated: terminated)
        }
        guard let failure = verifier.finish().failure else { return nil }
        guard case .tornLastLine = failure.reason else {
            throw ReceiptError.repairRefused(
                path: path, reason: "\(failure.message); only a last line cut short before its newline is a torn write")
        }
        let goodEnd = failure.byteOffset
        guard size - goodEnd <= Self.maximumRepairBytes else {
            throw ReceiptError.repairRefused(
                path: path,
                reason: "the last line is more than \(Self.maximumRepairBytes) bytes without a newline, which is not a torn write"
            )
        }

        let fragment = try descriptor.read(count: size - goodEnd, at: goodEnd)
        let fragmentHash: String
        do {
            fragmentHash = Hex.encode(try SHA256.hash(fragment))
        } catch {
            throw ReceiptError.crypto(error)
        }
        let quarantine = try writeQuarantine(fragment, date: date)
        try descriptor.truncate(to: goodEnd)
        try descriptor.sync()
        let body = RecoveryReceiptBody(
            reason: "torn last line", quarantine: ReceiptFileSystem.fileName(of: quarantine), offset: goodEnd,
            fragmentBytes: fragment.count, fragmentSHA256: fragmentHash)
        let recovery = try appendLocked(to: descriptor, kind: body.kind, actor: actor, body: body.members, date: date)
        return RepairResult(
            quarantinePath: quarantine, truncatedAt: goodEnd, fragmentByteCount: fragment.count,
            fragmentSHA256: fragmentHash, recovery: recovery)
    }

    /// Writes the fragment to a new file beside the log (never over an earlier quarantine).
    private func writeQuarantine(_ fragment: [UInt8], date: Date) throws(ReceiptError) -> String {
        let base = "\(path).quarantine-\(ReceiptTimestamp.fileNameStamp(from: date))"
        for attempt in 1...100 {
            let candidate = attempt == 1 ? base : "\(base)-\(attempt)"
            let file: OwnedFileDescriptor
            do {
                file = try OwnedFileDescriptor.open(candidate, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
            } catch .io(_, _, EEXIST) {
                continue
            }
            try file.writeAll(fragment)
            try file.sync()
            try ReceiptFileSystem.syncDirectory(ReceiptFileSystem.directory(of: candidate))
            return candidate
        }
        throw ReceiptError.repairRefused(path: path, reason: "100 quarantine files named \(base) already exist")
    }
}
