import Synchronization

/// The secret values planted at runtime (tokens read from the environment, env var values
/// the user marked sensitive), shared by every connector and every log line.
///
/// A reference type with a lock rather than an actor: redaction happens on synchronous paths
/// (error descriptions, renderers) that cannot `await`.
package final class SecretRegistry: Sendable {
    /// The registry the CLI fills from the environment; tests make their own.
    package static let shared = SecretRegistry()

    /// Values shorter than this are ignored: masking a 3-letter value such as `yes` would shred
    /// every message while protecting nothing that a guess would not find.
    package let minimumLength: Int

    private struct State {
        var secrets: Set<String> = []
        /// Every form of every secret, longest first, so a secret that contains another is
        /// masked whole instead of leaving a tail behind.
        var needles: [String] = []
        /// `needles` as UTF-8 with their first bytes, made once rather than on every redaction.
        var searchable = SecretNeedles()
    }

    private let state = Mutex(State())
    /// Told of each secret the first time it is registered, outside the lock (the CLI announces
    /// it to the GitHub Actions runner, so values a connector reads are masked in the job log).
    private let observer = Mutex<(@Sendable (String) -> Void)?>(nil)

    package init(minimumLength: Int = 6) {
        self.minimumLength = minimumLength
    }

    /// Adds one secret; blank or too-short values are ignored.
    package func register(_ secret: String) {
        register(contentsOf: [secret])
    }

    package func register(contentsOf secrets: some Sequence<String>) {
        let fresh = secrets
            .map { $0.trimmingWhitespaceAndNewlines() }
            .filter { $0.utf8.count >= minimumLength }
        guard !fresh.isEmpty else { return }
        // Encoded forms are computed outside the lock: base64 and percent-encoding are the
        // slow part, and other threads may be redacting meanwhile.
        let forms = fresh.map { ($0, SecretForms.all(of: $0, minimumLength: minimumLength)) }
        let added = state.withLock { state -> [String] in
            var added: [String] = []
            for (secret, secretForms) in forms where state.secrets.insert(secret).inserted {
                state.needles.append(contentsOf: secretForms)
                added.append(secret)
            }
            if !added.isEmpty {
                state.needles = Array(Set(state.needles)).sorted {
                    $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1
                }
                state.searchable = SecretNeedles(forms: state.needles.map { Array($0.utf8) })
            }
            return added
        }
        guard !added.isEmpty, let observer = observer.withLock({ $0 }) else { return }
        for secret in added { observer(secret) }
    }

    /// Calls `observer` with every secret registered from now on, and at once with those
    /// registered already, so none is missed whichever comes first.
    package func observeRegistrations(_ observer: @escaping @Sendable (String) -> Void) {
        self.observer.withLock { $0 = observer }
        for secret in state.withLock({ Array($0.secrets) }).sorted() { observer(secret) }
    }

    /// How many distinct secrets are registered.
    package var count: Int { state.withLock { $0.secrets.count } }

    /// Every string to mask, longest first.
    package var needles: [String] { state.withLock { $0.needles } }

    /// `needles` as UTF-8 bytes, in the same order, ready to be searched for.
    var searchable: SecretNeedles { state.withLock { $0.searchable } }
}

extension String {
    fileprivate func trimmingWhitespaceAndNewlines() -> String {
        let isBlank: (Character) -> Bool = { $0.isWhitespace || $0.isNewline }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }
}
