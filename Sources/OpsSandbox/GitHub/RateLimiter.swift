import Glibc
import OpsCore

extension GitHubEmulator {
    /// Counts requests per token for GitHub's `x-ratelimit-*` headers: 5,000 an hour for a token,
    /// 60 for anonymous callers, in hourly windows. It only reports; exhaustion is simulated with
    /// `--faults 429:...` or scripted faults, so long benchmark runs never hit a wall.
    /// Tokens live in memory only and are never written to the state file or a log.
    final class RateLimiter: Sendable {
        struct Snapshot: Sendable, Equatable {
            var limit: Int
            var used: Int
            var reset: Int
            var remaining: Int { max(0, limit - used) }
        }

        private let windows = Locked((start: 0, used: [String: Int]()))

        /// Counts one request for `token` (nil: anonymous) and returns the figures after it.
        func record(token: String?) -> Snapshot {
            let now = Int(time(nil))
            let limit = token == nil ? 60 : 5000
            return windows.withLock { window in
                if now >= window.start + 3600 {
                    window = (start: now, used: [:])
                }
                let key = token ?? ""
                let used = (window.used[key] ?? 0) + 1
                window.used[key] = used
                return Snapshot(limit: limit, used: used, reset: window.start + 3600)
            }
        }

        static func headers(_ snapshot: Snapshot) -> HTTPHeaders {
            HTTPHeaders([
                ("x-ratelimit-limit", String(snapshot.limit)),
                ("x-ratelimit-remaining", String(snapshot.remaining)),
                ("x-ratelimit-reset", String(snapshot.reset)),
                ("x-ratelimit-used", String(snapshot.used)),
                ("x-ratelimit-resource", "core"),
            ])
        }

        /// An exhausted window that resets in a second, for injected rate limits: a client that
        /// honours either `retry-after` or `x-ratelimit-reset` waits about one second.
        static func exhaustedHeaders(retryAfter: Bool, limit: Int = 5000) -> HTTPHeaders {
            var headers = HTTPHeaders(retryAfter ? [("retry-after", "1")] : [])
            for field in [
                ("x-ratelimit-limit", String(limit)),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", String(Int(time(nil)) + 1)),
                ("x-ratelimit-used", String(limit)),
                ("x-ratelimit-resource", "core"),
            ] {
                headers.add(field.0, field.1)
            }
            return headers
        }
    }
}
