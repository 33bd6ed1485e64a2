/// Explicit deadlines for every request; nothing is left to the HTTP stack's defaults (an
/// HTTP library's whole-transfer timeout is typically none at all, or days).
public struct HTTPTimeouts: Sendable, Hashable {
    /// One attempt, from sending the request to the last byte of the response.
    public var perAttempt: Duration
    /// All attempts and the waits between them, from the moment the request gets a
    /// concurrency slot. Time spent queued behind other requests does not count: a plan with
    /// many requests must not fail because it is large.
    public var overall: Duration

    public init(perAttempt: Duration = .seconds(30), overall: Duration = .seconds(120)) {
        self.perAttempt = perAttempt
        self.overall = max(overall, perAttempt)
    }
}
