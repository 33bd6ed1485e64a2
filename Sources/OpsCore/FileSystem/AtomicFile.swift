import Glibc

/// Replaces a file's contents all at once: readers see the old file or the new one, never
/// half of either, and a crash leaves the old file in place.
package enum AtomicFile {
    package struct WriteError: Error, Sendable, Equatable {
        package var path: String
        package var operation: String
        package var errno: Int32

        package var reason: String {
            "\(operation) failed: \(String(cString: strerror(errno)))"
        }
    }

    /// Writes to a temporary file in the same directory, fsyncs it, renames it over `path`,
    /// then fsyncs the directory so the rename itself survives a power cut.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
        try write(to: path, mode: mode) { file throws(WriteError) in try file.append(bytes) }
    }

    /// The temporary file `write(to:mode:fill:)` hands its caller to fill.
    package struct Filling {
        fileprivate let descriptor: Int32
        fileprivate let path: String
        /// Bytes appended so far.
        package private(set) var size = 0

        fileprivate init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        package mutating func append(_ bytes: [UInt8]) throws(WriteError) {
            if let code = DescriptorWrite.all(bytes, to: descriptor) {
                throw WriteError(path: path, operation: "write", errno: code)
            }
            size += bytes.count
        }

        /// Writes `bytes` over what was appended at `offset` (a value known only once the rest
        /// is written); the file does not grow.
        package func overwrite(at offset: Int, with bytes: [UInt8]) throws(WriteError) {
            precondition(offset >= 0 && offset + bytes.count <= size, "overwrite beyond what was written")
            if let code = DescriptorWrite.all(bytes, to: descriptor, at: offset) {
                throw WriteError(path: path, operation: "write", errno: code)
            }
        }
    }

    /// Like `write(_:to:mode:)`, for content made in parts: `fill` appends them to the temporary
    /// file as they come, so the whole never has to be in memory. When `fill` throws, the
    /// temporary file is removed and `path` is left as it was.
    package static func write(
        to path: String, mode: mode_t = 0o600, fill: (inout Filling) throws(WriteError) -> Void
    ) throws(WriteError) {
        let directory = parentDirectory(of: path)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw WriteError(path: path, operation: "create", errno: errno) }
        var file = Filling(descriptor: descriptor, path: path)
        do {
            try fill(&file)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        // The mode passed to open() is filtered by the umask; the file must be exactly `mode`.
        guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw WriteError(path: path, operation: "fsync", errno: code)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "rename", errno: code)
        }
        syncDirectory(directory)
    }

    package static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws(WriteError) {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    package static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
