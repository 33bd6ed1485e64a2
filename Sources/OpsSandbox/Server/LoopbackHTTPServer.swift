import Glibc
import OpsCore

/// The sandbox's loopback HTTP/1.1 server (threads, limits, keep-alive, clean stop) with one
/// handler instead of emulators, for receivers opsctl itself runs: `opsctl serve slack`. It
/// lives here because the sandbox's server is the project's only HTTP server; it binds
/// 127.0.0.1 only, so a public Request URL reaches it through a proxy or tunnel.
package final class LoopbackHTTPServer: Sendable {
    /// Why the server could not listen.
    package struct ListenError: DiagnosticError, Equatable {
        package var name: String
        package var port: UInt16
        package var inUse: Bool
        package var reason: String

        package var diagnostic: Diagnostic {
            inUse
                ? Diagnostic(message: "\(name) cannot listen on 127.0.0.1:\(port): the port is already in use",
                             hint: "choose another --port, or --port 0 to let the system pick a free one")
                : Diagnostic(message: "\(name) cannot listen on 127.0.0.1:\(port): \(reason)", hint: "check that the loopback interface is up")
        }
    }

    private struct Handler: RequestRouting {
        let respond: @Sendable (HTTPRequest) -> HTTPResponse
        func route(_ request: HTTPRequest, arrival: ContinuousClock.Instant) -> RouteOutcome { .respond(respond(request)) }
    }

    private let name: String
    private let requestedPort: UInt16
    private let limits: SandboxLimits
    private let handler: Handler
    private let runtime = Locked<ServerRuntime?>(nil)

    /// `name` says who is listening in errors ("the Slack receiver").
    package init(name: String, port: UInt16, limits: SandboxLimits = SandboxLimits(), handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.name = name
        requestedPort = port
        self.limits = limits
        self.handler = Handler(respond: handler)
    }

    deinit {
        stop()
    }

    /// Binds 127.0.0.1 and serves; returns `http://127.0.0.1:PORT`.
    package func start() throws(ListenError) -> String {
        let stop: StopSignal
        let listening: (fd: Int32, port: UInt16)
        do throws(SocketFailure) {
            stop = try StopSignal()
        } catch {
            throw ListenError(name: name, port: requestedPort, inUse: false, reason: "\(error.operation) failed: \(error.reason)")
        }
        do throws(SocketFailure) {
            listening = try Socket.listenOnLoopback(port: requestedPort, backlog: 64)
        } catch {
            stop.close()
            throw ListenError(
                name: name, port: requestedPort, inUse: error.operation == "bind" && error.code == EADDRINUSE,
                reason: "\(error.operation) failed: \(error.reason)")
        }
        let started = ServerRuntime(listener: listening.fd, port: listening.port, stop: stop, router: handler, limits: limits, onRequest: nil)
        started.begin()
        runtime.withLock { $0 = started }
        return "http://127.0.0.1:\(listening.port)"
    }

    /// Stops listening and waits for the connection threads; safe to call more than once.
    package func stop() {
        let running = runtime.withLock { current -> ServerRuntime? in
            defer { current = nil }
            return current
        }
        running?.shutdown()
    }
}
