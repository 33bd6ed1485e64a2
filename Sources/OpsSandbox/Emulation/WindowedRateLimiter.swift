import OpsCore

/// Counts requests per token in fixed windows, for the rate-limit headers vendors put on every
/// response. It only reports: exhaustion is simulated with `--faults 429:...` or scripted
/// faults, so long benchmark runs never hit a wall. Tokens live in memory only and are never
/// written to the state file or a log.
///
/// One window is shared by every token and starts with the first request after the previous
/// one ended, as a vendor's hourly or per-minute reset would look to a single client.
package final class WindowedRateLimiter: Sendable {
    /// The figures after one request.
    package struct Snapshot: Sendable, Equatable {
        package var limit: Int
        package var used: Int
        /// Epoch seconds at which the window ends.
        package var reset: Int
        package var remaining: Int { max(0, limit - used) }

        package init(limit: Int, used: Int, reset: Int) {
            self.limit = limit
            self.used = used
            self.reset = reset
        }
    }

    package let windowSeconds: Int
    package let limitWithToken: Int
    package let limitWithoutToken: Int
    package let headerNames: RateLimitHeaderNames
    private let clock: @Sendable () -> Int
    private let window = Locked((start: Int.min, used: [String: Int]()))

    /// - Parameters:
    ///   - limitWithoutToken: the allowance of anonymous callers; defaults to `limitWithToken`.
    ///   - clock: epoch seconds; tests pass their own to walk across a window's edge.
    package init(
        windowSeconds: Int, limitWithToken: Int, limitWithoutToken: Int? = nil, headerNames: RateLimitHeaderNames,
        clock: @escaping @Sendable () -> Int = { SandboxTimestamp.now().epochSeconds }
    ) {
        self.windowSeconds = windowSeconds
        self.limitWithToken = limitWithToken
        self.limitWithoutToken = limitWithoutToken ?? limitWithToken
        self.headerNames = headerNames
        self.clock = clock
    }

    /// Now, by the limiter's clock, in epoch seconds.
    package func now() -> Int { clock() }

    /// Counts one request for `token` (nil: anonymous) and returns the figures after it.
    package func record(token: String?) -> Snapshot {
        let now = clock()
        let limit = token == nil ? limitWithoutToken : limitWithToken
        return window.withLock { window in
            if window.start == .min || now >= window.start + windowSeconds {
                window = (start: now, used: [:])
            }
            let key = token ?? ""
            let used = (window.used[key] ?? 0) + 1
            window.used[key] = used
            return Snapshot(limit: limit, used: used, reset: window.start + windowSeconds)
        }
    }

    package func headers(_ snapshot: Snapshot) -> HTTPHeaders {
        var headers = HTTPHeaders([
            (headerNames.limit, String(snapshot.limit)),
            (headerNames.remaining, String(snapshot.remaining)),
            (headerNames.reset, String(snapshot.reset)),
        ])
        if let used = headerNames.used { headers.add(used, String(snapshot.used)) }
        if let resource = headerNames.resource { headers.add(resource.header, resource.name) }
        return headers
    }

    /// The headers of a used-up window ending at `reset` (epoch seconds), for injected 429s:
    /// a client that honours them waits until then.
    package func exhaustedHeaders(reset: Int) -> HTTPHeaders {
        headers(Snapshot(limit: limitWithToken, used: limitWithToken, reset: reset))
    }
}
