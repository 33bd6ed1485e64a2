import Foundation
import Glibc

/// One `apply` at a time per receipts log. An exclusive, non-blocking `flock` on a lock file
/// beside the log; the file names who holds it, since when, and for which plan, so the one
/// refused can say why. The kernel drops the lock if the holder dies, so no stale lock remains.
package final class ApplyLock {
    package struct Holder: Sendable, Equatable {
        package var actor: String
        package var pid: Int32
        package var since: String
        package var plan: String
    }

    package let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    package static func acquire(beside receiptsPath: String, holder: Holder) throws(ApplyError) -> ApplyLock {
        let directory = AtomicFile.parentDirectory(of: receiptsPath)
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let path = directory + "/apply.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ApplyError.lockUnavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let current = readHolder(descriptor)
            close(descriptor)
            throw ApplyError.locked(path: path, holder: current)
        }
        let record = JSONWriter.canonical(.object([
            "actor": .string(holder.actor),
            "pid": .int(Int(holder.pid)),
            "since": .string(holder.since),
            "plan": .string(holder.plan),
        ])) + "\n"
        _ = ftruncate(descriptor, 0)
        _ = record.withCString { pointer in pwrite(descriptor, pointer, strlen(pointer), 0) }
        return ApplyLock(path: path, descriptor: descriptor)
    }

    package func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    private static func readHolder(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0, let value = try? JSONParser.parse(Array(buffer[0..<count]).filter { $0 != 0x0A }) else { return nil }
        return Holder(
            actor: value["actor"]?.stringValue ?? "someone",
            pid: Int32(value["pid"]?.intValue ?? 0),
            since: value["since"]?.stringValue ?? "an unknown time",
            plan: value["plan"]?.stringValue ?? "an unknown plan"
        )
    }
}
