import OpsCore

/// What a loopback server asks of whoever answers its requests: the sandbox's router, or a
/// product receiver such as `opsctl serve slack`. Runs on the connection's thread.
protocol RequestRouting: Sendable {
    /// `arrival`: when the request's first bytes reached the machine.
    func route(_ request: HTTPRequest, arrival: ContinuousClock.Instant) -> RouteOutcome
}
