internal import CMalloc
import Foundation
import OpsCore
import OpsRender

/// The whole program, callable in-process. `main` is the only code that touches the real argv,
/// environment, standard streams and `exit`; everything else receives them as values.
package enum OpsctlEntrypoint {
    /// Runs opsctl with the process's own arguments, environment and terminal, then exits.
    package static func main() async -> Never {
        tuneAllocator()
        let status = await run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: .current,
            terminal: .standard
        )
        endProcess(status)
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

    /// glibc serves blocks of 128 KiB and more with mmap, returning them to the system when
    /// freed, but raises that threshold to the size of each such block freed (up to 32 MiB):
    /// after the first large array is freed, large arrays come from the heap and the freed
    /// space stays in the process. Fixing the threshold at its initial value keeps a plan of
    /// 10,000 tables 4–8 MiB lower at its peak for a few milliseconds of page faults.
    ///
    /// Fixed, it also fixes the point at which a heap's free top is handed back at 128 KiB,
    /// and each heap grew by little more than each request: a plan's heaps were given back and
    /// faulted in again page by page (10,900 page faults for 10,000 Vercel variables, 970
    /// `mprotect` calls for 10,000 labels). A top pad of 4 MiB grows and keeps each heap's top
    /// in larger steps; pages it reserves are not touched until used (docs/performance.md).
    /// Process-wide, so set here, where the process starts, and not for in-process runs.
    private static func tuneAllocator() {
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        _ = mallopt(M_TOP_PAD, 4 << 20)
    }

    /// Runs opsctl and returns its exit status. `arguments` excludes the program name.
    package static func run(arguments: [String], environment: Environment, terminal: Terminal) async -> Int32 {
        await run(arguments: arguments, environment: environment, terminal: terminal, registry: .standard)
    }

    static func run(arguments: [String], environment: Environment, terminal: Terminal, registry: CommandRegistry) async -> Int32 {
        switch CommandLineParser(registry: registry).parse(arguments) {
        case .failure(let usageError):
            let colour = ColourPolicy.mode(
                for: terminal.standardError,
                environment: environment,
                disabledByFlag: CommandLineParser.requestsNoColour(arguments)
            )
            terminal.standardError.write(ToolMessageRenderer.render(.error, message: usageError.message, hint: usageError.hint, colour: colour))
            return ExitStatus.usage.rawValue
        case .success(let parsed):
            let context = CommandContext(
                globals: parsed.globals,
                environment: environment,
                standardOutput: channel(terminal.standardOutput, environment: environment, globals: parsed.globals),
                standardError: channel(terminal.standardError, environment: environment, globals: parsed.globals),
                registry: registry,
                redactor: Redactor(registry: SecretRegistry())
            )
            let outcome = await parsed.command.execute(context)
            return ExitStatus(outcome).rawValue
        }
    }

    private static func channel(_ stream: TerminalStream, environment: Environment, globals: GlobalOptions) -> OutputChannel {
        OutputChannel(
            colour: ColourPolicy.mode(for: stream, environment: environment, disabledByFlag: globals.colourDisabled),
            sink: stream.write
        )
    }
}
