/// A libcrypto call that failed. These are rare (allocation failure, a provider missing from
/// the OpenSSL configuration), but a digest that silently came out wrong would break every
/// receipt after it, so each failure is thrown rather than ignored.
package struct CryptoError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        /// `function` returned its failure value.
        case libcrypto(function: String)
        /// A file being hashed could not be read.
        case unreadableFile(path: String, errno: Int32)
        /// An HMAC key must not be empty: an empty key authenticates nothing.
        case emptyKey
        /// libcrypto itself could not be opened (`LibCrypto`).
        case libraryUnavailable(SharedLibraryError)
    }

    package var reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .libcrypto(let function):
            return "the OpenSSL call \(function) failed"
        case .unreadableFile(let path, let code):
            return "cannot read '\(path)' to hash it: \(describeErrno(code))"
        case .emptyKey:
            return "the HMAC key is empty"
        case .libraryUnavailable(let error):
            return error.message
        }
    }

    package var diagnostic: Diagnostic {
        let hint: String? =
            switch reason {
            case .libcrypto: "check that OpenSSL 3 (libssl3) is installed with its default provider enabled"
            case .unreadableFile: "check that the file exists and is readable"
            case .emptyKey: "set the key to at least 32 random bytes"
            case .libraryUnavailable(let error): error.hint
            }
        return Diagnostic(message: message, hint: hint)
    }
}
