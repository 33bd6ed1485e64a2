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
        let directory = parentDirectory(of: path)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw WriteError(path: path, operation: "create", errno: errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw WriteError(path: path, operation: "write", errno: code)
            }
            written += result
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
