import Glibc
import OpsCore

extension VercelEmulator {
    /// Counts requests per token for `X-RateLimit-*` headers, in one-minute windows. It only
    /// reports; throttling is simulated with `--faults 429:...` or scripted faults, so long
    /// benchmark runs never hit a wall. Tokens live in memory only, never in the state file.
    final class RateLimiter: Sendable {
        /// Vercel's limits are per endpoint and undocumented as headers (docs/services/vercel.md,
        /// "Requests"); one figure stands in for them.
        static let limit = 1000

        struct Snapshot: Sendable, Equatable {
            var used: Int
            var reset: Int
            var remaining: Int { max(0, RateLimiter.limit - used) }
        }

        private let windows = Locked((start: 0, used: [String: Int]()))

        func record(token: String?) -> Snapshot {
            let now = Self.nowSeconds()
            return windows.withLock { window in
                if now >= window.start + 60 { window = (start: now, used: [:]) }
                let key = token ?? ""
                let used = (window.used[key] ?? 0) + 1
                window.used[key] = used
                return Snapshot(used: used, reset: window.start + 60)
            }
        }

        static func nowSeconds() -> Int { Int(time(nil)) }

        static func headers(_ snapshot: Snapshot) -> HTTPHeaders {
            HTTPHeaders([
                ("X-RateLimit-Limit", String(limit)),
                ("X-RateLimit-Remaining", String(snapshot.remaining)),
                ("X-RateLimit-Reset", String(snapshot.reset)),
            ])
        }

        /// An exhausted window resetting at `reset` (epoch seconds), for injected 429s.
        static func exhaustedHeaders(reset: Int) -> HTTPHeaders {
            HTTPHeaders([("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", String(reset))])
        }
    }
}
