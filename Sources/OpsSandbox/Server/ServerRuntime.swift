import OpsCore

/// Everything that exists only while a server runs: the listening socket, the stop signal,
/// the router (the sandbox's, or a product receiver's), and the threads serving connections.
final class ServerRuntime: Sendable {
    let listener: Int32
    let port: UInt16
    let stop: StopSignal
    let router: any RequestRouting
    let connections: ConnectionRegistry
    let threads = ThreadGroup()
    let limits: SandboxLimits
    let onRequest: (@Sendable (SandboxRequestRecord) -> Void)?

    init(
        listener: Int32, port: UInt16, stop: StopSignal, router: any RequestRouting, limits: SandboxLimits,
        onRequest: (@Sendable (SandboxRequestRecord) -> Void)?
    ) {
        self.listener = listener
        self.port = port
        self.stop = stop
        self.router = router
        self.limits = limits
        connections = ConnectionRegistry(capacity: limits.maxConnections)
        self.onRequest = onRequest
    }

    func begin() {
        threads.spawn(name: "opsctl-sandbox-accept") { [self] in acceptLoop() }
    }

    /// Accepts until stopped, one thread per connection; the listener is closed here, by the
    /// only thread that uses it, so `stop()` returns with the port no longer listening.
    private func acceptLoop() {
        defer { Socket.close(listener) }
        while true {
            switch stop.waitReadable(listener, until: .after(.seconds(3600))) {
            case .stopped: return
            case .timedOut: continue
            case .ready: break
            }
            guard let fd = Socket.accept(listener) else {
                // Out of descriptors, say: back off instead of spinning on a readable listener.
                if stop.sleep(.milliseconds(50)) == .stopped { return }
                continue
            }
            Socket.configureAccepted(fd, writeTimeout: limits.writeTimeout)
            guard connections.admit(fd) else {
                let busy = HTTPResponse.json(503, ["message": "The server is serving too many connections; retry shortly."], headers: HTTPHeaders([("Retry-After", "1")]))
                _ = Socket.sendAll(fd, ResponseSerializer.serialize(busy, headOnly: false, keepAlive: false))
                Socket.close(fd)
                continue
            }
            threads.spawn(name: "opsctl-sandbox-connection") { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        let handler = ConnectionHandler(fd: fd, router: router, limits: limits, stop: stop, onRequest: onRequest)
        let ending = handler.run()
        connections.release(fd)
        switch ending {
        case .close: Socket.close(fd)
        case .reset: Socket.closeWithReset(fd)
        }
    }

    /// Wakes every thread, interrupts every connection and waits for all threads to end.
    func shutdown() {
        stop.trigger()
        connections.interruptAll()
        // A thread still running after the timeout may yet poll the stop pipe, so the pipe is
        // only closed when all have ended.
        if threads.waitUntilEmpty(timeout: limits.stopTimeout) {
            stop.close()
        }
    }
}
