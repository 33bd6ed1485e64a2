import Foundation
import OpsCore
import Synchronization

/// In GitHub Actions, every secret value opsctl reads through `valueFrom` is announced to the
/// runner with `::add-mask::` the moment it is read, before anything could print it: from then
/// on the runner blanks it in the job log, whatever later prints it (docs/architecture.md,
/// "Secrets, redaction and fingerprints").
enum SecretMasking {
    /// Values announced by this process, so a value read at plan and again at apply, or for
    /// several variables, is announced once.
    private static let announced = Mutex<Set<String>>([])

    /// Writes the masking commands to standard error when running in GitHub Actions; standard
    /// output may be a `--json` document, and the runner reads workflow commands from both.
    static func announcer(for environment: Environment) -> @Sendable (String) -> Void {
        guard environment["GITHUB_ACTIONS"] == "true" else { return { _ in } }
        return { value in
            let fresh = announced.withLock { $0.insert(value).inserted }
            guard fresh else { return }
            let text = commands(for: value).map { $0 + "\n" }.joined()
            guard !text.isEmpty else { return }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// `::add-mask::` for the value and, for a multi-line value, for each line: the runner
    /// masks line by line, so a key in PEM form would otherwise leak one line at a time.
    /// Lines shorter than the redactor's minimum are not masked on their own: masking a line
    /// such as `}` would blank every brace in the log.
    static func commands(for value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        var parts = [value]
        let lines = value.split(whereSeparator: \.isNewline).map(String.init)
        if lines.count > 1 {
            parts += lines.filter { $0.utf8.count >= SecretRegistry.shared.minimumLength }
        }
        return parts.map { "::add-mask::" + GitHubActionsOutput.escapeData($0) }
    }
}

extension RuntimeEnvironment {
    /// Beside the receipts log, so one repository's `.opsctl/` holds both.
    var fingerprintKeyPath: String {
        let receipts = globals.receiptsPath
        let directory = receipts.lastIndex(of: "/").map { String(receipts[..<$0]) } ?? "."
        return (directory.isEmpty ? "" : directory) + "/" + FingerprintKey.fileName
    }

    /// What connectors need to compare secret values at plan time: the key, a reader for
    /// `valueFrom`, and the fingerprints earlier applies recorded, read from the receipts log
    /// only if asked and only if the log verifies (a forged receipt must not vouch for a value).
    var secretFingerprinting: SecretFingerprinting {
        let keyText = environment["OPSCTL_FINGERPRINT_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let keyText { redactor.register(secret: keyText) }
        let log = receiptLog
        return SecretFingerprinting(
            key: FingerprintKeySource(environmentValue: keyText, path: fingerprintKeyPath),
            resolver: secretResolver,
            previous: PreviousFingerprints {
                guard let report = try? log.verify(), report.failure == nil else { return [] }
                return (try? log.list()) ?? []
            }
        )
    }
}
