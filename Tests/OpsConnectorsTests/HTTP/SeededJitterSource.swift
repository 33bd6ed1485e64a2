import Synchronization

@testable import OpsConnectors

/// A deterministic jitter source (SplitMix64), so every backoff wait in a test is reproducible.
final class SeededJitterSource: JitterSource {
    private let state: Mutex<UInt64>

    init(seed: UInt64) {
        state = Mutex(seed)
    }

    func nextUnit() -> Double {
        let bits = state.withLock { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // The top 53 bits fill a Double's mantissa exactly, so the result stays below 1.
        return Double(bits >> 11) / Double(UInt64(1) << 53)
    }
}
