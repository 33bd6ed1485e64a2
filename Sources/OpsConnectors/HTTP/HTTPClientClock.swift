import Foundation

/// Time as the client sees it, injectable so tests can observe (or skip) waits.
///
/// Deadlines use `monotonicNow`, which never jumps; `Retry-After` dates and rate-limit reset
/// epochs are wall-clock times and use `wallNow`. The per-attempt timeout is always real
/// time: it guards a real socket.
public protocol HTTPClientClock: Sendable {
    /// Time since an arbitrary fixed origin.
    func monotonicNow() -> Duration
    func wallNow() -> Date
    func sleep(for duration: Duration) async throws
}

public struct SystemHTTPClientClock: HTTPClientClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func monotonicNow() -> Duration { ContinuousClock.now - origin }

    public func wallNow() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
