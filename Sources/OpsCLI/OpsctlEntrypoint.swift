import Foundation
import OpsCore
import OpsRender

/// The whole program, callable in-process. `main` is the only code that touches the real argv,
/// environment, standard streams and `exit`; everything else receives them as values.
package enum OpsctlEntrypoint {
    /// Runs opsctl with the process's own arguments, environment and terminal, then exits.
    ///
    /// A command whose work runs on the concurrency runtime's threads (`plan`, `apply`) runs in
    /// a task of its own and ends the process there, while the main thread waits for signals
    /// (`waitForTheEnd`). Awaited here instead, it left the main thread idle on the main actor:
    /// the runtime then handed the main queue to a thread of its own and the main thread called
    /// `pthread_exit`, whose first call loads libgcc_s.so.1 (about 0.4 ms, holding the dynamic
    /// loader's lock, which creating threads and opening libcurl wait for), and coming back to
    /// the main actor at the end started that thread (0.1-0.3 ms; docs/performance.md). Nothing
    /// these commands run is isolated to the main actor, so nothing waits for the main thread.
    @MainActor package static func main() async -> Never {
        let environment = Environment.current
        let terminal = Terminal.standard
        switch prepare(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment, terminal: terminal, registry: .standard) {
        case .finished(let status):
            endProcess(status)
        case .ready(let command, let context):
            if command.worksOffTheMainThread {
                Task.detached { endProcess(await status(running: command, in: context)) }
                waitForTheEnd()
            }
            endProcess(await status(running: command, in: context))
        }
    }

    /// Parks the main thread for good with every signal unblocked while it waits, as
    /// `dispatch_main` parks it: the concurrency runtime's threads block signals, and a child
    /// started from such a thread inherits that mask, so a SIGTERM or SIGINT would otherwise
    /// stay pending and never end a plan waiting on a service (HungPeerCPUTests).
    private static func waitForTheEnd() -> Never {
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        while true { sigsuspend(&unblocked) }
    }

    /// Ends the process without the exit handlers and library destructors `exit` runs: OpenSSL's
    /// clean-up and the finalisers of the forty libraries libcurl and libpq bring took 0.5–0.7
    /// ms of every run, freeing what the process's end frees anyway (docs/performance.md).
    /// opsctl writes its output with `write(2)` as it goes and registers no exit handler of its
    /// own; C's buffered streams are flushed first in case a library wrote to them.
    private static func endProcess(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Runs opsctl and returns its exit status. `arguments` excludes the program name.
    package static func run(arguments: [String], environment: Environment, terminal: Terminal) async -> Int32 {
        await run(arguments: arguments, environment: environment, terminal: terminal, registry: .standard)
    }

    static func run(arguments: [String], environment: Environment, terminal: Terminal, registry: CommandRegistry) async -> Int32 {
        switch prepare(arguments: arguments, environment: environment, terminal: terminal, registry: registry) {
        case .finished(let status): return status
        case .ready(let command, let context): return await status(running: command, in: context)
        }
    }

    private static func status(running command: BoundCommand, in context: CommandContext) async -> Int32 {
        ExitStatus(await command.execute(context)).rawValue
    }

    /// A command ready to run with its context, or the exit status of a command line that
    /// ended before any command could run.
    enum Prepared {
        case finished(Int32)
        case ready(BoundCommand, CommandContext)
    }

    /// Parses the command line and makes the command's context; no command runs yet.
    static func prepare(arguments: [String], environment: Environment, terminal: Terminal, registry: CommandRegistry) -> Prepared {
        switch CommandLineParser(registry: registry).parse(arguments) {
        case .failure(let usageError):
            reportError(usageError.message, hint: usageError.hint, to: terminal.standardError, environment: environment,
                        noColour: CommandLineParser.requestsNoColour(arguments))
            return .finished(ExitStatus.usage.rawValue)
        case .success(let parsed):
            if parsed.command.needsLibcrypto, let error = CryptoLibrary.openingError() {
                reportError(error.message, hint: error.diagnostic.hint, to: terminal.standardError, environment: environment,
                            noColour: parsed.globals.colourDisabled)
                return .finished(ExitStatus.failure.rawValue)
            }
            let context = CommandContext(
                globals: parsed.globals,
                environment: environment,
                standardOutput: channel(terminal.standardOutput, environment: environment, globals: parsed.globals),
                standardError: channel(terminal.standardError, environment: environment, globals: parsed.globals),
                registry: registry,
                redactor: Redactor(registry: SecretRegistry())
            )
            return .ready(parsed.command, context)
        }
    }

    /// An error found before any command ran, as every command reports its own.
    private static func reportError(_ message: String, hint: String?, to stream: TerminalStream, environment: Environment, noColour: Bool) {
        let colour = ColourPolicy.mode(for: stream, environment: environment, disabledByFlag: noColour)
        stream.write(ToolMessageRenderer.render(.error, message: message, hint: hint, colour: colour))
    }

    private static func channel(_ stream: TerminalStream, environment: Environment, globals: GlobalOptions) -> OutputChannel {
        OutputChannel(
            colour: ColourPolicy.mode(for: stream, environment: environment, disabledByFlag: globals.colourDisabled),
            sink: stream.write
        )
    }
}
