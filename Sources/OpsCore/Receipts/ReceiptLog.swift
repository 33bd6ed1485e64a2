import Foundation
import Glibc

/// The receipts log (docs/formats.md, "Receipts log"): a JSONL file of hash-chained receipts,
/// appended to under an exclusive `flock` by any number of processes. A value holding a path (and
/// the optional MAC key); every operation opens, locks and closes the file itself, so no descriptor
/// or lock outlives a call.
///
/// The key is a parameter because OpsCore never reads the environment: the CLI passes
/// `OPSCTL_RECEIPTS_KEY`. With a key, appends add a `mac` and `verify` requires one.
package struct ReceiptLog: Sendable {
    package static let defaultPath = ".opsctl/receipts.jsonl"

    package let path: String
    let key: [UInt8]?

    package init(path: String = ReceiptLog.defaultPath, key: [UInt8]? = nil) {
        self.path = path
        self.key = key
    }

    /// `checkpoint` beside the log (`.opsctl/checkpoint` for the default log).
    package var checkpointPath: String {
        ReceiptFileSystem.directory(of: path) + "/checkpoint"
    }

    // MARK: Append

    /// Seals and appends one receipt, chained to the current tail, and returns it once it is
    /// on disk (file, and directory entry when the file is new, `fsync`ed).
    ///
    /// Refuses when the last line is unterminated (`ReceiptError.tornTail`, which `opsctl
    /// receipts repair` clears) or complete but not a receipt (`editedTail`): chaining onto it
    /// would hide the damage.
    @discardableResult
    package func append(kind: ReceiptKind, actor: String, body: [String: JSONValue], date: Date = Date())
        throws(ReceiptError) -> Receipt
    {
        let descriptor = try openLockedForAppend()
        return try appendLocked(to: descriptor, kind: kind, actor: actor, body: body, date: date)
    }

    /// Appends to a log the caller holds the exclusive lock on (also used by `repair`).
    func appendLocked(
        to descriptor: OwnedFileDescriptor, kind: ReceiptKind, actor: String, body: [String: JSONValue], date: Date
    ) throws(ReceiptError) -> Receipt {
        let size = try descriptor.size()
        let tail = try readTail(of: descriptor, size: size)
        let receipt = try Receipt(
            seq: tail.map { $0.seq + 1 } ?? 0, date: date, kind: kind, actor: actor, body: body,
            prev: tail?.hash ?? Receipt.genesisHash, key: key)
        do {
            try descriptor.writeAll(receipt.line)
        } catch {
            // Leave no torn line behind if the disk filled up half way; the log was intact before.
            try? descriptor.truncate(to: size)
            throw error
        }
        try descriptor.sync()
        return receipt
    }

    /// Opens the log for appending, creating it (and its directory) if needed, and takes the
    /// exclusive lock. Whoever creates the file makes its name durable at once, so no later
    /// append can be lost to a directory entry that never reached the disk.
    private func openLockedForAppend() throws(ReceiptError) -> OwnedFileDescriptor {
        let directory = ReceiptFileSystem.directory(of: path)
        let createdDirectories = try ReceiptFileSystem.createDirectories(directory)
        for created in createdDirectories {
            try ReceiptFileSystem.syncDirectory(ReceiptFileSystem.directory(of: created))
        }
        // Bounded: each retry means another process removed or replaced the file just then.
        for _ in 0..<8 {
            let descriptor: OwnedFileDescriptor
            if let created = try createExclusively() {
                try ReceiptFileSystem.syncDirectory(directory)
                descriptor = created
            } else if let existing = try OwnedFileDescriptor.openIfExists(path, flags: O_RDWR | O_APPEND) {
                descriptor = existing
            } else {
                continue
            }
            try descriptor.lock(exclusive: true)
            // The lock is on the file we opened; if `path` names another file by now (renamed
            // or replaced while we waited), appending here would write to the wrong log.
            var current = stat()
            let opened = try descriptor.status()
            if stat(path, &current) == 0, current.st_ino == opened.st_ino, current.st_dev == opened.st_dev {
                return descriptor
            }
        }
        throw ReceiptError.io(path: path, operation: "lock (the file keeps being replaced)", errno: EAGAIN)
    }

    /// Creates the log, or returns nil if it already exists (O_EXCL: exactly one creator).
    private func createExclusively() throws(ReceiptError) -> OwnedFileDescriptor? {
        do {
            return try OwnedFileDescriptor.open(path, flags: O_RDWR | O_APPEND | O_CREAT | O_EXCL, mode: 0o600)
        } catch .io(_, _, EEXIST) {
            return nil
        }
    }

    /// The head to chain onto, or nil for an empty log; throws `tornTail` for an unterminated
    /// end and `editedTail` for a complete last line that is not a receipt.
    private func readTail(of descriptor: OwnedFileDescriptor, size: Int) throws(ReceiptError) -> ReceiptHead? {
        guard let tail = try LogTail.lastLine(of: descriptor, endingAt: size) else { return nil }
        guard tail.terminated else {
            throw ReceiptError.tornTail(
                path: path, seq: try seqAfter(lineEndingAt: tail.start, in: descriptor), byteOffset: tail.start,
                byteCount: tail.end - tail.start, detail: "it ends without a newline (a write was cut short)")
        }
        switch Self.parse(tail.bytes) {
        case .success(let receipt): return receipt.head
        case .failure(let failure):
            throw ReceiptError.editedTail(
                path: path, seq: try seqAfter(lineEndingAt: tail.start, in: descriptor), byteOffset: tail.start,
                detail: failure.detail)
        }
    }

    /// The seq a line starting at `offset` should have: one more than the line before it.
    private func seqAfter(lineEndingAt offset: Int, in descriptor: OwnedFileDescriptor) throws(ReceiptError) -> Int? {
        guard let previous = try LogTail.lastLine(of: descriptor, endingAt: offset) else { return 0 }
        guard previous.terminated, case .success(let receipt) = Self.parse(previous.bytes) else { return nil }
        return receipt.seq + 1
    }

    static func parse(_ line: [UInt8]) -> Result<Receipt, ReceiptFormatProblem> {
        do {
            let value = try JSONParser.parse(line)
            return .success(try Receipt(parsing: value))
        } catch let error as JSONParseError {
            return .failure(ReceiptFormatProblem("\(error.problem) (column \(error.column))"))
        } catch let error as ReceiptFormatProblem {
            return .failure(error)
        } catch {
            return .failure(ReceiptFormatProblem("\(error)"))
        }
    }

    // MARK: Read

    /// The current head, read from the end of the file; nil when the log is empty or absent,
    /// `tornTail` or `editedTail` when its last line is damaged.
    package func head() throws(ReceiptError) -> ReceiptHead? {
        guard let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) else { return nil }
        try descriptor.lock(exclusive: false)
        return try readTail(of: descriptor, size: try descriptor.size())
    }

    /// Checks the whole chain as stored (streaming, so memory does not grow with the log) and
    /// reports the first break. A missing log is an empty one. `expectHead` is an entry
    /// recorded earlier that must still be there (see `ExpectedHead`).
    package func verify(expectHead: ExpectedHead? = nil) throws(ReceiptError) -> VerificationReport {
        var verifier = try ReceiptChainVerifier(path: path, key: key, expectation: expectHead)
        if let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) {
            // Shared lock: appenders wait, so the end is never caught half-written.
            try descriptor.lock(exclusive: false)
            descriptor.adviseSequential()
            try LineReader.forEachBlock(in: descriptor) { (block, offset, complete) throws(ReceiptError) in
                if complete { return try verifier.consume(block: block, at: offset) }
                return try verifier.consume(block, at: offset, terminated: false)
            }
        }
        return verifier.finish()
    }

    /// Verifies a log held in memory with the same rules as `verify(expectHead:)`.
    package static func verify(bytes: [UInt8], key: [UInt8]? = nil, expectHead: ExpectedHead? = nil)
        throws(ReceiptError) -> VerificationReport
    {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ReceiptError) in
                try ReceiptChainVerifier.verify(bytes: buffer, key: key, expectHead: expectHead)
            }
        }
        return try result.get()
    }

    /// The receipts in order, optionally only those of one kind and/or naming one change ID
    /// (see `Receipt.names(changeID:)`). Reads the shape of each line, not the chain: run
    /// `verify` first where integrity matters. A damaged line is an error, never skipped.
    package func list(kind: ReceiptKind? = nil, changeID: String? = nil) throws(ReceiptError) -> [Receipt] {
        guard let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) else { return [] }
        try descriptor.lock(exclusive: false)
        var receipts: [Receipt] = []
        var lineNumber = 0
        // A complete line that is not a receipt was edited; named as the last line when it is one.
        var damaged: (line: Int, offset: Int, detail: String)?
        try LineReader.forEachLine(in: descriptor) { (line, offset, terminated) throws(ReceiptError) in
            if let damaged {
                throw ReceiptError.unreadableLine(
                    path: path, line: damaged.line, seq: damaged.line - 1, detail: damaged.detail)
            }
            lineNumber += 1
            guard terminated else {
                throw ReceiptError.tornTail(
                    path: path, seq: lineNumber - 1, byteOffset: offset, byteCount: line.count,
                    detail: "it ends without a newline (a write was cut short)")
            }
            switch Self.parse(Array(line)) {
            case .success(let receipt):
                if kind.map({ receipt.kind == $0 }) ?? true, changeID.map({ receipt.names(changeID: $0) }) ?? true {
                    receipts.append(receipt)
                }
            case .failure(let problem):
                damaged = (lineNumber, offset, problem.detail)
            }
            return true
        }
        if let damaged {
            throw ReceiptError.editedTail(
                path: path, seq: damaged.line - 1, byteOffset: damaged.offset, detail: damaged.detail)
        }
        return receipts
    }
}
