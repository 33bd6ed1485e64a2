import Foundation
import OpsCore
import Synchronization

/// In GitHub Actions, every secret value opsctl reads through `valueFrom` is announced to the
/// runner with `::add-mask::` the moment it is read, before anything could print it: from then
/// on the runner blanks it in the job log, whatever later prints it.
///
/// The commands go to the command's own standard error (the injected terminal), never the
/// process's: standard output may be a `--json` document, and the runner reads workflow
/// commands from both.
final class SecretMasking: Sendable {
    private let isGitHubActions: Bool
    private let output: OutputChannel
    private let minimumLength: Int
    /// Values announced already, so a value read at plan and again at apply, or for several
    /// variables, is announced once.
    private let announced = Mutex<Set<String>>([])

    init(isGitHubActions: Bool, output: OutputChannel, minimumLength: Int) {
        self.isGitHubActions = isGitHubActions
        self.output = output
        self.minimumLength = minimumLength
    }

    func announce(_ value: String) {
        guard isGitHubActions else { return }
        let fresh = announced.withLock { $0.insert(value).inserted }
        guard fresh else { return }
        output.write(Self.commands(for: value, minimumLength: minimumLength).map { $0 + "\n" }.joined())
    }

    /// `::add-mask::` for the value and, for a multi-line value, for each line: the runner
    /// masks line by line, so a key in PEM form would otherwise leak one line at a time.
    /// Lines shorter than the redactor's minimum are not masked on their own: masking a line
    /// such as `}` would blank every brace in the log.
    static func commands(for value: String, minimumLength: Int) -> [String] {
        guard !value.isEmpty else { return [] }
        var parts = [value]
        let lines = value.split(whereSeparator: \.isNewline).map(String.init)
        if lines.count > 1 {
            parts += lines.filter { $0.utf8.count >= minimumLength }
        }
        return parts.map { "::add-mask::" + WorkflowCommand.escapeData($0) }
    }
}
