import Glibc

/// `memcmp` equality for byte buffers, so hot loops compare hashes without per-byte Swift code.
@inline(__always)
func bytesEqual(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard lhs.count > 0, let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
    return memcmp(left, right, lhs.count) == 0
}

/// Where the whole lines of `bytes` end: just after its last newline, or 0 without one.
/// Scans back from the end (Glibc's `memrchr` is not visible to Swift), which is short: only
/// the unfinished line after the last newline is crossed.
func endOfWholeLines(_ bytes: UnsafeRawBufferPointer) -> Int {
    var index = bytes.count
    while index > 0 {
        if bytes[index - 1] == 0x0A { return index }
        index -= 1
    }
    return 0
}
