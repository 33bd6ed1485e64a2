import Foundation
import Glibc

/// One `apply` at a time per receipts log. An exclusive, non-blocking `flock` on a lock file
/// beside the log; the file names who holds it, since when, and for which plan, so the one
/// refused can say why. The kernel drops the lock if the holder dies, so no stale lock remains.
package final class ApplyLock: ApplyLease {
    /// Who holds an apply lock, as the one refused is told. The same record for both stores;
    /// PostgreSQL adds the server process (`backendPID`) whose session holds the lock.
    package struct Holder: Sendable, Equatable {
        package var actor: String
        package var pid: Int32
        package var since: String
        /// The plan file's path.
        package var plan: String
        package var host: String? = nil
        /// `sha256:…` of the plan being applied.
        package var planDigest: String? = nil
        package var backendPID: Int? = nil

        package init(
            actor: String, pid: Int32, since: String, plan: String, host: String? = nil, planDigest: String? = nil,
            backendPID: Int? = nil
        ) {
            self.actor = actor
            self.pid = pid
            self.since = since
            self.plan = plan
            self.host = host
            self.planDigest = planDigest
            self.backendPID = backendPID
        }

        /// The record as JSON: in the lock file, in PostgreSQL's holder column, in `unlock` receipts.
        package var jsonValue: JSONValue {
            var members: [String: JSONValue] = [
                "actor": .string(actor), "pid": .int(Int(pid)), "since": .string(since), "plan": .string(plan),
            ]
            if let host { members["host"] = .string(host) }
            if let planDigest { members["planDigest"] = .string(planDigest) }
            if let backendPID { members["backendPid"] = .int(backendPID) }
            return .object(members)
        }

        package init(_ value: JSONValue) {
            self.init(
                actor: value["actor"]?.stringValue ?? "someone",
                pid: Int32(clamping: value["pid"]?.intValue ?? 0),
                since: value["since"]?.stringValue ?? "an unknown time",
                plan: value["plan"]?.stringValue ?? "an unknown plan",
                host: value["host"]?.stringValue,
                planDigest: value["planDigest"]?.stringValue,
                backendPID: value["backendPid"]?.intValue
            )
        }

        /// This machine's name, for `host`.
        package static var currentHost: String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown host" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
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
        let record = JSONWriter.canonical(holder.jsonValue) + "\n"
        _ = ftruncate(descriptor, 0)
        _ = record.withCString { pointer in pwrite(descriptor, pointer, strlen(pointer), 0) }
        return ApplyLock(path: path, descriptor: descriptor)
    }

    package func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        // Unlocked explicitly, not by the close: a process being spawned at that moment holds a
        // copy of the descriptor until it executes, and with it the lock (a test saw the lock
        // still held after its release, while other tests started processes).
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func readHolder(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0, let value = try? JSONParser.parse(Array(buffer[0..<count]).filter { $0 != 0x0A }) else { return nil }
        return Holder(value)
    }

    /// The holder of the lock beside `receiptsPath`, or nil when nobody holds it (checked by
    /// trying the lock, so a leftover record of a finished apply is not mistaken for one).
    package static func currentHolder(beside receiptsPath: String) throws(ApplyError) -> Holder? {
        let path = AtomicFile.parentDirectory(of: receiptsPath) + "/apply.lock"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return nil }
        return readHolder(descriptor) ?? Holder(actor: "someone", pid: 0, since: "an unknown time", plan: "an unknown plan")
    }

    /// `unlock --force`: removes the lock file, so the next apply locks a new one. A holder
    /// still running keeps its lock on the removed file, which no longer stops anyone.
    package static func breakLock(beside receiptsPath: String) throws(ApplyError) -> Holder? {
        let holder = try currentHolder(beside: receiptsPath)
        guard holder != nil else { return nil }
        let path = AtomicFile.parentDirectory(of: receiptsPath) + "/apply.lock"
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ApplyError.lockUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        return holder
    }
}
