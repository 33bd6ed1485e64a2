import Synchronization
@testable import OpsCLI

/// Text written to a fake stream, safe to append to from any task.
final class TextCapture: Sendable {
    private let text = Mutex("")

    func append(_ chunk: String) {
        text.withLock { $0 += chunk }
    }

    var contents: String { text.withLock { $0 } }
}

/// What one in-process run of opsctl printed and returned.
struct CapturedRun: Sendable {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs opsctl in-process with fake streams: nothing reaches the real terminal, and each stream
/// claims to be a terminal or not as the test needs.
func runOpsctl(
    _ arguments: [String],
    environment: [String: String] = [:],
    standardOutputIsTTY: Bool = false,
    standardErrorIsTTY: Bool = false,
    registry: CommandRegistry = .standard
) async -> CapturedRun {
    let output = TextCapture()
    let errors = TextCapture()
    let terminal = Terminal(
        standardOutput: TerminalStream(isTTY: standardOutputIsTTY, write: output.append),
        standardError: TerminalStream(isTTY: standardErrorIsTTY, write: errors.append)
    )
    let status = await OpsctlEntrypoint.run(
        arguments: arguments,
        environment: Environment(variables: environment),
        terminal: terminal,
        registry: registry
    )
    return CapturedRun(status: status, standardOutput: output.contents, standardError: errors.contents)
}
