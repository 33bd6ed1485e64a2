import Glibc

/// One open file descriptor with a single owner, closed in `deinit`. Every call retries on
/// EINTR and turns a failure into `ReceiptError.io` naming the path and the operation.
///
/// `close` errors are not reported: all data that must be durable has been `fsync`ed (and
/// checked) before a descriptor is dropped, so a late close error carries no information.
final class OwnedFileDescriptor {
    let raw: Int32
    let path: String

    private init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    deinit {
        // A lock is dropped explicitly: a process being spawned meanwhile holds a copy of the
        // descriptor until it executes, and the close alone would leave the lock with that copy.
        flock(raw, LOCK_UN)
        close(raw)
    }

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o600) throws(ReceiptError) -> OwnedFileDescriptor {
        while true {
            let raw = Glibc.open(path, flags | O_CLOEXEC, mode)
            if raw >= 0 { return OwnedFileDescriptor(raw: raw, path: path) }
            if errno != EINTR { throw ReceiptError.io(path: path, operation: "open", errno: errno) }
        }
    }

    /// Opens `path`, or returns nil if it does not exist.
    static func openIfExists(_ path: String, flags: Int32) throws(ReceiptError) -> OwnedFileDescriptor? {
        do {
            return try open(path, flags: flags)
        } catch .io(_, _, ENOENT) {
            return nil
        }
    }

    /// `flock`, not `fcntl`: fcntl locks belong to the process and vanish when any descriptor
    /// of the file is closed (e.g. by a library), flock locks belong to this open file.
    func lock(exclusive: Bool) throws(ReceiptError) {
        while flock(raw, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno != EINTR { throw ReceiptError.io(path: path, operation: "lock", errno: errno) }
        }
    }

    func status() throws(ReceiptError) -> stat {
        var info = stat()
        guard fstat(raw, &info) == 0 else { throw ReceiptError.io(path: path, operation: "stat", errno: errno) }
        return info
    }

    func size() throws(ReceiptError) -> Int {
        Int(try status().st_size)
    }

    /// Reads up to `buffer.count` bytes at the current position; 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReceiptError) -> Int {
        while true {
            let count = Glibc.read(raw, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw ReceiptError.io(path: path, operation: "read", errno: errno) }
        }
    }

    /// Reads exactly `count` bytes at `offset` (the file must be that long).
    func read(count: Int, at offset: Int) throws(ReceiptError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(raw, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if result > 0 {
                done += result
            } else if result == 0 {
                throw ReceiptError.io(path: path, operation: "read (the file shrank while reading)", errno: EIO)
            } else if errno != EINTR {
                throw ReceiptError.io(path: path, operation: "read", errno: errno)
            }
        }
        return bytes
    }

    /// Writes all of `bytes`, looping over short writes (a signal, a full pipe, a quota).
    func writeAll(_ bytes: [UInt8]) throws(ReceiptError) {
        if let code = DescriptorWrite.all(bytes, to: raw) {
            throw ReceiptError.io(path: path, operation: "write", errno: code)
        }
    }

    func sync() throws(ReceiptError) {
        while fsync(raw) != 0 {
            if errno != EINTR { throw ReceiptError.io(path: path, operation: "fsync", errno: errno) }
        }
    }

    func truncate(to length: Int) throws(ReceiptError) {
        while ftruncate(raw, off_t(length)) != 0 {
            if errno != EINTR { throw ReceiptError.io(path: path, operation: "truncate", errno: errno) }
        }
    }

    /// Tells the kernel the file will be read front to back, so it reads ahead generously.
    func adviseSequential() {
        _ = posix_fadvise(raw, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
    }
}

/// File-system operations on paths that the receipts code needs around its descriptors.
enum ReceiptFileSystem {
    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates `directory` and any missing parents with mode 0700 (receipts name who approved
    /// what: not for other users). Returns the directories it created, outermost first.
    static func createDirectories(_ directory: String) throws(ReceiptError) -> [String] {
        if mkdir(directory, 0o700) == 0 { return [directory] }
        switch errno {
        case EEXIST:
            return []
        case ENOENT:
            let parent = self.directory(of: directory)
            guard parent != directory else { throw ReceiptError.io(path: directory, operation: "create", errno: ENOENT) }
            var created = try createDirectories(parent)
            if mkdir(directory, 0o700) == 0 {
                created.append(directory)
            } else if errno != EEXIST {
                throw ReceiptError.io(path: directory, operation: "create", errno: errno)
            }
            return created
        default:
            throw ReceiptError.io(path: directory, operation: "create", errno: errno)
        }
    }

    /// Makes a new or removed directory entry durable: fsync of a file does not cover its name.
    static func syncDirectory(_ directory: String) throws(ReceiptError) {
        let descriptor = try OwnedFileDescriptor.open(directory, flags: O_RDONLY | O_DIRECTORY)
        try descriptor.sync()
    }

    static func rename(_ from: String, to: String) throws(ReceiptError) {
        if Glibc.rename(from, to) != 0 { throw ReceiptError.io(path: to, operation: "rename \(from) to", errno: errno) }
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }
}
