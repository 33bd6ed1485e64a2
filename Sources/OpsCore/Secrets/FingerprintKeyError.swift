/// Why the fingerprint key could not be had. Each case renders as one sentence and a hint.
package struct FingerprintKeyError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        /// `OPSCTL_FINGERPRINT_KEY` holds fewer bytes than `SecretFingerprinter.minimumKeyLength`.
        case tooShort(length: Int)
        case unreadable(path: String, errno: Int32)
        /// The key file does not hold exactly `FingerprintKey.byteCount` bytes.
        case wrongSize(path: String, size: Int)
        /// Group or others may read the key file; anyone who can read it can test guesses.
        case insecurePermissions(path: String, mode: UInt32)
        case notAFile(path: String)
        case cannotCreate(path: String, operation: String, errno: Int32)
        case crypto(CryptoError)
        /// The run was given no key at all (a context built without one, as in unit tests).
        case notConfigured
    }

    package var reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .tooShort(let length):
            "OPSCTL_FINGERPRINT_KEY is \(length) bytes long; a fingerprint key needs at least \(SecretFingerprinter.minimumKeyLength)"
        case .unreadable(let path, let code):
            "cannot read the fingerprint key \(path): \(describeErrno(code))"
        case .wrongSize(let path, let size):
            "the fingerprint key \(path) holds \(size) bytes instead of \(FingerprintKey.byteCount)"
        case .insecurePermissions(let path, let mode):
            "the fingerprint key \(path) is readable by others (mode \(String(mode & 0o777, radix: 8)))"
        case .notAFile(let path):
            "the fingerprint key \(path) is not a regular file"
        case .cannotCreate(let path, let operation, let code):
            "cannot create the fingerprint key \(path): \(operation) failed: \(describeErrno(code))"
        case .crypto(let error):
            "cannot compute a secret fingerprint: \(error.message)"
        case .notConfigured:
            "no fingerprint key is available to compare secret values"
        }
    }

    package var hint: String {
        switch reason {
        case .tooShort: "set it to at least 32 random bytes, such as the output of 'openssl rand -hex 32'"
        case .unreadable, .notAFile: "remove it to have opsctl create a new one (earlier fingerprints then no longer compare), or set OPSCTL_FINGERPRINT_KEY"
        case .wrongSize: "restore the original file, or remove it to have opsctl create a new one"
        case .insecurePermissions(let path, _): "run 'chmod 600 \(path)'"
        case .cannotCreate: "check that the directory is writable, or set OPSCTL_FINGERPRINT_KEY"
        case .crypto(let error): error.diagnostic.hint ?? "check the OpenSSL installation"
        case .notConfigured: "run opsctl from the repository, or set OPSCTL_FINGERPRINT_KEY"
        }
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: message, hint: hint)
    }
}
