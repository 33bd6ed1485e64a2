/// Eight bytes tested at once as the lanes of a 64-bit word, for the scans that pass over text
/// looking for a few byte values: a JSON string's quotes and backslashes, a file's line breaks,
/// the first bytes of registered secrets. Lane 0 is the lowest byte: words are loaded
/// little-endian, as on every platform opsctl builds for.
enum ByteLanes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every lane.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 {
        ones &* UInt64(byte)
    }

    /// The high bit of each lane of `word` that is zero, the lowest exactly: lanes just above a
    /// zero one may be marked too (a borrow carries upwards), lanes below it never, and no zero
    /// lane is missed. For scans that jump to the first mark and look from there.
    @inline(__always)
    static func zeroMarks(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// The high bit of each lane of `word` that is zero, every one exact: each lane's low seven
    /// bits plus 0x7F set its high bit unless they are all zero (no carry leaves the lane), and
    /// or-ing the lane itself adds its own high bit. For scans that count the marks.
    @inline(__always)
    static func exactZeroMarks(_ word: UInt64) -> UInt64 {
        ((word & ~highBits) &+ ~highBits | word) & highBits ^ highBits
    }

    /// The lane of the lowest mark of `marks`, which must not be zero.
    @inline(__always)
    static func firstMarkedLane(_ marks: UInt64) -> Int {
        marks.trailingZeroBitCount >> 3
    }
}
