import Foundation
import Glibc

/// The JSONL file as a `ReceiptStore`: the methods the protocol shares with the file's own
/// API are in ReceiptLog.swift; these are the rest.
extension ReceiptLog: ReceiptStore {
    package var location: String { path }
    package var macKey: [UInt8]? { key }

    package func exists() throws(ReceiptError) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// One pass under one shared lock, so no append lands between the check and the read.
    package func verifiedReceipts(expectHead: ExpectedHead?) throws(ReceiptError) -> VerifiedReceipts {
        var verifier = try ReceiptChainVerifier(path: path, key: key, expectation: expectHead)
        var receipts: [Receipt] = []
        if let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) {
            try descriptor.lock(exclusive: false)
            descriptor.adviseSequential()
            try LineReader.forEachLine(in: descriptor) { (line, offset, terminated) throws(ReceiptError) in
                let keepGoing = try verifier.consume(line, at: offset, terminated: terminated)
                if keepGoing, terminated, case .success(let receipt) = Self.parse(Array(line)) { receipts.append(receipt) }
                return keepGoing
            }
        }
        let report = verifier.finish()
        return VerifiedReceipts(report: report, receipts: report.isIntact ? receipts : [])
    }

    package func forEachLine(_ body: (UnsafeRawBufferPointer) -> Bool) throws(ReceiptError) {
        guard let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) else { return }
        try descriptor.lock(exclusive: false)
        try LineReader.forEachLine(in: descriptor) { (line, _, terminated) throws(ReceiptError) in
            // A torn fragment is not a line of the log; `verify` names it.
            guard terminated else { return false }
            return body(line)
        }
    }

    /// Creates the log from the lines of a verified one; refuses when the log has entries.
    package func importLines(_ lines: [[UInt8]]) throws(ReceiptError) {
        if let size = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY)?.size(), size > 0 {
            throw ReceiptError.importRefused(location: path, reason: "the log already holds receipts")
        }
        for created in try ReceiptFileSystem.createDirectories(ReceiptFileSystem.directory(of: path)) {
            try ReceiptFileSystem.syncDirectory(ReceiptFileSystem.directory(of: created))
        }
        var bytes: [UInt8] = []
        for line in lines {
            bytes.append(contentsOf: line)
            bytes.append(UInt8(ascii: "\n"))
        }
        do {
            try AtomicFile.write(bytes, to: path, mode: 0o600)
        } catch {
            throw ReceiptError.io(path: path, operation: error.operation, errno: error.errno)
        }
    }

    package func acquireApplyLock(holder: ApplyLock.Holder) throws(ApplyError) -> any ApplyLease {
        try ApplyLock.acquire(beside: path, holder: holder)
    }

    package func applyLockHolder() throws(ApplyError) -> ApplyLock.Holder? {
        try ApplyLock.currentHolder(beside: path)
    }

    package func breakApplyLock() throws(ApplyError) -> ApplyLock.Holder? {
        try ApplyLock.breakLock(beside: path)
    }
}
