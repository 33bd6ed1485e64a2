import Glibc
import OpsCore

/// The sandbox: a loopback-only HTTP/1.1 server that mounts each `ServiceEmulator` under
/// `/<scope>` and keeps their state in one JSON document.
///
/// ```swift
/// let server = try SandboxServer(configuration: SandboxConfiguration(port: 0, stateFile: "state.json"))
/// let baseURL = try server.start()      // "http://127.0.0.1:PORT"
/// ...
/// server.stop()
/// ```
package final class SandboxServer: Sendable {
    package let configuration: SandboxConfiguration
    package let state: SandboxStateStore
    package let emulators: [any ServiceEmulator]

    private enum Lifecycle: Sendable {
        case ready
        case running(ServerRuntime)
        /// Keeps the finished runtime so tests can check that nothing outlived `stop()`.
        case stopped(ServerRuntime?)
    }

    private let lifecycle = Locked(Lifecycle.ready)
    private let stopped = StoppedLatch()

    /// The emulators `opsctl sandbox serve` mounts; the Slack one signs what it sends to a
    /// receiver with `slackSigningSecret`.
    package static func defaultEmulators(slackSigningSecret: String? = nil) -> [any ServiceEmulator] {
        [
            GitHubEmulator(), SupabaseEmulator(), VercelEmulator(), StripeEmulator(), SendGridEmulator(),
            SlackEmulator(options: SlackEmulator.Options(signingSecret: slackSigningSecret)), PostHogEmulator(),
            HerokuEmulator(), SSMEmulator(), STSEmulator(), ActionsOIDCEmulator(),
        ]
    }

    /// Loads the state file and lets every emulator check its section, so a bad state file or
    /// a clash of scopes is reported here, before anything listens.
    /// Throws `SandboxServerError` or `SandboxStateError`.
    package init(configuration: SandboxConfiguration, emulators: [any ServiceEmulator] = SandboxServer.defaultEmulators()) throws {
        var seen: Set<String> = []
        for emulator in emulators {
            let scope = emulator.scope
            let valid = !scope.isEmpty && scope.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") }
            guard valid else { throw SandboxServerError(.invalidScope(scope)) }
            guard seen.insert(scope).inserted else { throw SandboxServerError(.duplicateScope(scope)) }
        }
        self.configuration = configuration
        self.emulators = emulators
        state = try SandboxStateStore(file: configuration.stateFile)
        for emulator in emulators { try emulator.prepare(state) }
    }

    deinit {
        stop()
    }

    /// Binds 127.0.0.1 and starts serving; returns the base URL, `http://127.0.0.1:PORT`.
    @discardableResult
    package func start() throws(SandboxServerError) -> String {
        try lifecycle.withLock { lifecycle throws(SandboxServerError) -> String in
            switch lifecycle {
            case .running: throw SandboxServerError(.alreadyStarted)
            case .stopped: throw SandboxServerError(.alreadyStopped)
            case .ready: break
            }
            let stop: StopSignal
            let listening: (fd: Int32, port: UInt16)
            do throws(SocketFailure) {
                stop = try StopSignal()
            } catch {
                throw SandboxServerError(.socketFailed(operation: error.operation, reason: error.reason))
            }
            do throws(SocketFailure) {
                listening = try Socket.listenOnLoopback(port: configuration.port, backlog: 128)
            } catch {
                stop.close()
                if error.operation == "bind" && error.code == EADDRINUSE { throw SandboxServerError(.portInUse(configuration.port)) }
                throw SandboxServerError(.socketFailed(operation: error.operation, reason: error.reason))
            }
            let router = SandboxRouter(emulators: emulators, state: state, configuration: configuration, stop: stop, port: listening.port)
            let runtime = ServerRuntime(
                listener: listening.fd, port: listening.port, stop: stop, router: router, limits: configuration.limits,
                onRequest: configuration.onRequest)
            runtime.begin()
            lifecycle = .running(runtime)
            return Self.baseURL(port: listening.port)
        }
    }

    /// The bound port while running (the real one when configured with port 0).
    package var port: UInt16? {
        lifecycle.withLock { lifecycle in
            if case .running(let runtime) = lifecycle { return runtime.port }
            return nil
        }
    }

    package var baseURL: String? {
        port.map(Self.baseURL(port:))
    }

    /// Stops listening, closes every connection and waits for the server's threads to end.
    /// Safe to call more than once and from any thread (a signal-handling one included).
    package func stop() {
        let runtime = lifecycle.withLock { lifecycle -> ServerRuntime? in
            switch lifecycle {
            case .running(let runtime):
                lifecycle = .stopped(runtime)
                return runtime
            case .ready:
                lifecycle = .stopped(nil)
                return nil
            case .stopped:
                return nil
            }
        }
        runtime?.shutdown()
        stopped.open()
    }

    /// Blocks until `stop()` has finished: `opsctl sandbox serve` starts the server, prints the
    /// base URL, and parks its main thread here while its signal handler calls `stop()`.
    package func waitUntilStopped() {
        stopped.wait()
    }

    /// Starts, hands the base URL to `onStart` (the CLI prints it as its first stdout line),
    /// then blocks until `stop()`.
    package func run(onStart: (String) -> Void) throws(SandboxServerError) {
        let url = try start()
        onStart(url)
        waitUntilStopped()
    }

    /// Server threads (the accept loop and one per connection) still alive; 0 once `stop()`
    /// has returned. For tests that check nothing leaks.
    package var liveThreadCount: Int {
        lifecycle.withLock { lifecycle in
            switch lifecycle {
            case .running(let runtime), .stopped(let runtime?): runtime.threads.count
            case .ready, .stopped(nil): 0
            }
        }
    }

    /// Client connections still open; 0 once `stop()` has returned. For tests.
    package var openConnectionCount: Int {
        lifecycle.withLock { lifecycle in
            switch lifecycle {
            case .running(let runtime), .stopped(let runtime?): runtime.connections.count
            case .ready, .stopped(nil): 0
            }
        }
    }

    private static func baseURL(port: UInt16) -> String {
        "http://127.0.0.1:\(port)"
    }
}
