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
    /// reset, hung or dropped), for request logs (`sandbox serve` does not set it yet). Runs on
    /// the connection thread: keep it quick.
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
