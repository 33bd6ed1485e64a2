import Glibc

/// The checkpoint file (`.opsctl/checkpoint`): one line, `SEQ HASH`, naming a head that CI
/// keeps as an artifact or commits, so a later `verify` can tell whether the log was cut
/// back or rewritten since.
package enum ReceiptCheckpoint {
    /// The recorded head, or nil when there is no checkpoint file.
    package static func read(from path: String) throws(ReceiptError) -> ReceiptHead? {
        guard let descriptor = try OwnedFileDescriptor.openIfExists(path, flags: O_RDONLY) else { return nil }
        let size = try descriptor.size()
        guard size <= 1024 else { throw ReceiptError.invalidCheckpoint(path: path, detail: "it is \(size) bytes long") }
        let text = String(decoding: try descriptor.read(count: size, at: 0), as: UTF8.self)
        let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 0, String(seq) == parts[0],
            Hex.isLowercaseHex(String(parts[1]), count: 64)
        else {
            throw ReceiptError.invalidCheckpoint(path: path, detail: "expected `SEQ HASH`, found \"\(line.prefix(80))\"")
        }
        return ReceiptHead(seq: seq, hash: String(parts[1]))
    }

    /// Replaces the checkpoint atomically (`AtomicFile`), so a crash leaves the old checkpoint
    /// or the new one, never a torn one.
    package static func write(_ head: ReceiptHead, to path: String) throws(ReceiptError) {
        let directory = ReceiptFileSystem.directory(of: path)
        for created in try ReceiptFileSystem.createDirectories(directory) {
            try ReceiptFileSystem.syncDirectory(ReceiptFileSystem.directory(of: created))
        }
        do {
            try AtomicFile.write("\(head.seq) \(head.hash)\n", to: path, mode: 0o600)
        } catch {
            throw ReceiptError.io(path: path, operation: error.operation, errno: error.errno)
        }
    }
}
