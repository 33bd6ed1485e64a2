/// How a sandbox server runs: what `opsctl sandbox serve` flags turn into.
package struct SandboxConfiguration: Sendable {
    /// The loopback port; 0 lets the kernel pick a free one (read it back from the server).
    package var port: UInt16
    /// The JSON state file, or nil to keep state in memory only.
    package var stateFile: String?
    /// Added before every emulated request (not control requests), like a distant API.
    package var latency: Duration
    /// Random faults rolled for every emulated request.
    package var faults: FaultPlan
    /// Seeds the fault generator; the same seed and request order give the same faults.
    package var seed: UInt64
    package var limits: SandboxLimits
    /// Called once per request as its answer is about to be written (or the connection is
    /// reset, hung or dropped), for `-v` request logs. Runs on the connection thread: keep it quick.
    package var onRequest: (@Sendable (SandboxRequestRecord) -> Void)?

    package init(
        port: UInt16 = 0,
        stateFile: String? = nil,
        latency: Duration = .zero,
        faults: FaultPlan = .none,
        seed: UInt64 = 0,
        limits: SandboxLimits = SandboxLimits(),
        onRequest: (@Sendable (SandboxRequestRecord) -> Void)? = nil
    ) {
        self.port = port
        self.stateFile = stateFile
        self.latency = latency
        self.faults = faults
        self.seed = seed
        self.limits = limits
        self.onRequest = onRequest
    }
}

/// Bounds that keep one misbehaving client from exhausting the sandbox.
package struct SandboxLimits: Sendable, Equatable {
    /// Request line plus headers; more is answered with 431.
    package var maxHeaderBytes: Int
    /// Request body; more is answered with 413 without reading it.
    package var maxBodyBytes: Int
    /// How long a keep-alive connection may sit idle between requests before it is closed.
    package var idleTimeout: Duration
    /// How long a started request may take to arrive completely; then 408.
    package var requestTimeout: Duration
    /// How long one response write may block on a client that does not read.
    package var writeTimeout: Duration
    /// Connections served at once; further ones get 503 and are closed.
    package var maxConnections: Int
    /// How long `stop()` waits for connection threads to finish.
    package var stopTimeout: Duration

    package init(
        maxHeaderBytes: Int = 64 * 1024,
        maxBodyBytes: Int = 8 * 1024 * 1024,
        idleTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30),
        writeTimeout: Duration = .seconds(30),
        maxConnections: Int = 256,
        stopTimeout: Duration = .seconds(10)
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.writeTimeout = writeTimeout
        self.maxConnections = maxConnections
        self.stopTimeout = stopTimeout
    }
}
