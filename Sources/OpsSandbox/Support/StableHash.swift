/// FNV-1a over UTF-8. Swift's `Hasher` is seeded per process, but ids the emulators derive from
/// names (a repository's id, a user's id) must be the same in every run and on every machine.
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A positive id in 100,000,000 ..< 1,000,000,000: looks like a real GitHub id and fits
    /// every client's integer type.
    static func id(_ text: String) -> Int {
        Int(fnv1a(text) % 900_000_000) + 100_000_000
    }
}
