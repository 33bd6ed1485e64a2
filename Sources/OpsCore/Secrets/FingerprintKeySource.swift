import Synchronization

/// Where the fingerprinter comes from, resolved on first use and then kept: a plan that
/// fingerprints no value never creates `.opsctl/fingerprint.key`, and one that fingerprints
/// many reads the file once.
///
/// A class with a lock, like `SecretRegistry`: connectors share one source across concurrent
/// tasks and synchronous paths, and the first use must happen exactly once.
package final class FingerprintKeySource: Sendable {
    private let load: @Sendable () -> Result<SecretFingerprinter, FingerprintKeyError>
    private let cache = Mutex<Result<SecretFingerprinter, FingerprintKeyError>?>(nil)

    package init(_ load: @escaping @Sendable () -> Result<SecretFingerprinter, FingerprintKeyError>) {
        self.load = load
    }

    /// `OPSCTL_FINGERPRINT_KEY`'s text when set, else the key file at `path`.
    package convenience init(environmentValue: String?, path: String) {
        self.init {
            Result { () throws(FingerprintKeyError) in
                try FingerprintKey.fingerprinter(environmentValue: environmentValue, path: path)
            }
        }
    }

    /// A source that always fails with `error`, for contexts without a key.
    package static func failing(_ error: FingerprintKeyError) -> FingerprintKeySource {
        FingerprintKeySource { .failure(error) }
    }

    package func fingerprinter() -> Result<SecretFingerprinter, FingerprintKeyError> {
        cache.withLock { cached in
            if let cached { return cached }
            let loaded = load()
            cached = loaded
            return loaded
        }
    }
}
