import OpsCore

/// How `sandbox serve` and `serve slack` run their loopback server: start it, print its base
/// URL as the only line on standard output (scripts and tests read it), tell the person at the
/// terminal what is served unless quiet, serve until SIGINT or SIGTERM, then stop it.
enum ServedUntilSignal {
    enum Outcome {
        /// The server did not start; the reason has been reported.
        case notStarted
        /// Stopped on `signal` (nil when watching ended without one).
        case stopped(signal: Int32?)
    }

    static func serve<Failure: DiagnosticError>(
        start: () throws(Failure) -> String, stop: () -> Void, announcement: (_ baseURL: String) -> String, context: CommandContext
    ) async -> Outcome {
        let baseURL: String
        do {
            baseURL = try start()
        } catch {
            context.report(error)
            return .notStarted
        }
        // Watch before announcing the URL: whoever reads it may send a signal straight away.
        let signals = TerminationSignals()
        defer { signals.restore() }
        // The terminal stream writes this line unbuffered, so it is out before the first
        // request can come in.
        context.standardOutput.write(baseURL + "\n")
        if context.globals.verbosity != .quiet { context.standardError.write(announcement(baseURL)) }
        let received = await signals.next()
        stop()
        return .stopped(signal: received)
    }
}
