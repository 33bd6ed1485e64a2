/// Conversions between `Duration` and seconds as `Double`: backoff arithmetic and
/// `TimeInterval`-based Foundation APIs both need them.
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

    /// "10 s", "1.5 s", "250 ms": short enough for one-sentence errors.
    package var humanReadable: String {
        let value = seconds
        if value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
