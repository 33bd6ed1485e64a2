/// The eight-bytes-at-a-time test both JSON readers (`JSONParser`, `CanonicalJSONScanner`) use
/// to pass over the plain ASCII inside strings without looking at each byte.
enum JSONStringBytes {
    /// The high bit of each of the eight bytes that is `"`, `\`, below 0x20 or above 0x7F
    /// (byte 0 in the lowest bits: the load is little-endian on every platform opsctl builds
    /// for). It may also mark a few bytes just above a marked one (borrows carry upwards
    /// between lanes), never one below it and never miss one: so the lowest mark is exact, and
    /// callers jump straight to it and look at the bytes one by one from there.
    @inline(__always)
    static func attentionMarks(_ word: UInt64) -> UInt64 {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // A lane below 0x20 borrows into its high bit when 0x20 is taken from each (the zero
        // test's rule, with 0x20 for 1); a lane at 0x80 or above is marked by its own high bit.
        let belowSpace = (word &- ByteLanes.repeating(0x20)) & ~word & highBits
        let quote = ByteLanes.zeroMarks(word ^ ByteLanes.repeating(UInt8(ascii: "\"")))
        let backslash = ByteLanes.zeroMarks(word ^ ByteLanes.repeating(UInt8(ascii: "\\")))
        return belowSpace | quote | backslash | word & highBits
    }

    /// From `index`, past every byte that needs no look (plain ASCII other than `"` and `\`),
    /// eight at a time while eight remain: where the next byte that does, or the last few, start.
    @inline(__always)
    static func skipPlain(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int {
        var index = index
        while index + 8 <= bytes.count {
            let marks = attentionMarks(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if marks != 0 { return index + ByteLanes.firstMarkedLane(marks) }
            index += 8
        }
        return index
    }
}
