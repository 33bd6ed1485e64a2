import Glibc

/// The per-repository key behind secret fingerprints: `OPSCTL_FINGERPRINT_KEY` when set (CI
/// runners start without the file, so they keep the key as a CI secret), otherwise 32 random
/// bytes in `.opsctl/fingerprint.key`, created on first use with mode 0600 in a 0700 directory.
///
/// The file must not be committed: with it, anyone holding a plan or receipt could test
/// guesses of a low-entropy secret against its fingerprint.
package enum FingerprintKey {
    package static let byteCount = 32
    package static let fileName = "fingerprint.key"

    /// The fingerprinter for `environmentValue` (the variable's text) or, when that is nil or
    /// empty, for the key file at `path`, creating the file if it does not exist yet.
    /// A value of 64 hex digits is decoded, so `openssl rand -hex 32` gives a 32-byte key.
    package static func fingerprinter(environmentValue: String?, path: String) throws(FingerprintKeyError) -> SecretFingerprinter {
        if let text = environmentValue, !text.isEmpty {
            let bytes = text.utf8.count == 64 ? Hex.decode(text) ?? Array(text.utf8) : Array(text.utf8)
            return try SecretFingerprinter(key: bytes)
        }
        return try SecretFingerprinter(key: try loadOrCreate(path: path))
    }

    /// The key file's bytes, creating the file (and its directory) when absent.
    package static func loadOrCreate(path: String) throws(FingerprintKeyError) -> [UInt8] {
        if let existing = try read(path: path) { return existing }
        return try create(path: path)
    }

    /// The key, or nil when the file does not exist.
    static func read(path: String) throws(FingerprintKeyError) -> [UInt8]? {
        // O_NOFOLLOW: a symbolic link planted in place of the key is refused, not followed.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw FingerprintKeyError(.unreadable(path: path, errno: errno))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FingerprintKeyError(.unreadable(path: path, errno: errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FingerprintKeyError(.notAFile(path: path)) }
        guard status.st_mode & 0o077 == 0 else {
            throw FingerprintKeyError(.insecurePermissions(path: path, mode: UInt32(status.st_mode)))
        }
        guard status.st_size == byteCount else { throw FingerprintKeyError(.wrongSize(path: path, size: Int(status.st_size))) }
        var key = [UInt8](repeating: 0, count: byteCount)
        var filled = 0
        while filled < byteCount {
            let count = key.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, byteCount - filled, off_t(filled)) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw FingerprintKeyError(.unreadable(path: path, errno: errno)) }
            if count == 0 { throw FingerprintKeyError(.wrongSize(path: path, size: filled)) }
            filled += count
        }
        return key
    }

    /// Writes a fresh key beside `path` and links it into place. `link` fails when the name
    /// exists, so two processes racing to create the key agree on one: the loser reads the
    /// winner's file instead of replacing it, which would orphan fingerprints already made.
    static func create(path: String) throws(FingerprintKeyError) -> [UInt8] {
        let directory = parentDirectory(of: path)
        try makeDirectory(directory, for: path)
        let key: [UInt8]
        do {
            key = try SecureRandom.bytes(count: byteCount)
        } catch {
            throw FingerprintKeyError(.crypto(error))
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw FingerprintKeyError(.cannotCreate(path: path, operation: "create", errno: errno)) }
        defer { unlink(temporary) }
        if let code = DescriptorWrite.all(key, to: descriptor) {
            close(descriptor)
            throw FingerprintKeyError(.cannotCreate(path: path, operation: "write", errno: code))
        }
        // The umask may have narrowed the mode further; it must be exactly 0600.
        guard fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw FingerprintKeyError(.cannotCreate(path: path, operation: "fsync", errno: code))
        }
        close(descriptor)
        if link(temporary, path) != 0 {
            let code = errno
            guard code == EEXIST else { throw FingerprintKeyError(.cannotCreate(path: path, operation: "link", errno: code)) }
            guard let winner = try read(path: path) else { throw FingerprintKeyError(.unreadable(path: path, errno: ENOENT)) }
            return winner
        }
        syncDirectory(directory)
        return key
    }

    /// `mkdir -p` whose last component is created 0700: the directory holds the key and,
    /// usually, the receipts.
    private static func makeDirectory(_ directory: String, for path: String) throws(FingerprintKeyError) {
        if mkdir(directory, 0o700) == 0 {
            _ = chmod(directory, 0o700)
            return
        }
        switch errno {
        case EEXIST:
            return
        case ENOENT where directory != "/" && directory != ".":
            try makeDirectory(parentDirectory(of: directory), for: path)
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw FingerprintKeyError(.cannotCreate(path: path, operation: "mkdir", errno: errno))
            }
            _ = chmod(directory, 0o700)
        default:
            throw FingerprintKeyError(.cannotCreate(path: path, operation: "mkdir", errno: errno))
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
