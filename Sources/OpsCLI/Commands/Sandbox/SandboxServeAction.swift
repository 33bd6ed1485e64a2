import OpsCore
import OpsRender
import OpsSandbox

/// `opsctl sandbox serve`: starts the server, prints its base URL as the first line on standard
/// output, and serves until SIGINT or SIGTERM, then stops it (closing every connection and
/// joining its threads) and succeeds.
enum SandboxServeAction {
    @Sendable static func run(_ arguments: SandboxArguments, context: CommandContext) async -> CommandOutcome {
        let server: SandboxServer
        do {
            // The Slack emulator signs the button clicks it sends to `serve slack` with the
            // same secret the receiver checks them with.
            let secret = context.environment[ServeSlackCommand.signingSecretVariable].flatMap { $0.isEmpty ? nil : $0 }
            if let secret { context.redactor.register(secret: secret) }
            server = try SandboxServer(configuration: arguments.configuration, emulators: SandboxServer.defaultEmulators(slackSigningSecret: secret))
        } catch let error as any DiagnosticError {
            context.report(error)
            return .failure
        } catch {
            context.report(Diagnostic(message: "cannot set up the sandbox: \(error)"))
            return .failure
        }

        let served = await ServedUntilSignal.serve(start: server.start, stop: server.stop, announcement: { baseURL in
            startedMessage(server: server, baseURL: baseURL, stateFile: arguments.stateFile)
        }, context: context)
        guard case .stopped(let received) = served else { return .failure }
        if context.globals.verbosity == .verbose, let received {
            context.standardError.write("opsctl: sandbox stopped on \(TerminationSignals.name(of: received))\n")
        }
        return .success
    }

    /// One line for the person at the terminal: what is mounted where, where state goes, how
    /// to stop it. (The URL alone goes to standard output, for scripts.)
    private static func startedMessage(server: SandboxServer, baseURL: String, stateFile: String?) -> String {
        let mounts = server.emulators.map { "/\($0.scope)" }.joined(separator: ", ")
        let state = stateFile.map { "state in \(TerminalSafeText.sanitized($0))" } ?? "state in memory only"
        return "opsctl: sandbox serving \(mounts) at \(baseURL) (\(state)); set OPSCTL_SANDBOX_URL=\(baseURL) to use it, Ctrl-C to stop\n"
    }
}
