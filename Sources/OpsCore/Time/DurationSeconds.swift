/// Conversions between `Duration` and seconds as `Double`: backoff arithmetic, reset times
/// and `TimeInterval`-based Foundation and Dispatch APIs all need them.
extension Duration {
    package var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    package static func seconds(double value: Double) -> Duration {
        guard value.isFinite, value > 0 else { return .zero }
        // Clamp far below Int64 overflow; nothing waits a century.
        return .milliseconds(Int64(min(value, 3e9) * 1000))
    }
}
