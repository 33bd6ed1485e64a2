internal import CCrypto

/// Comparisons whose running time does not depend on where two secrets first differ.
package enum ConstantTime {
    /// Compares with `CRYPTO_memcmp`. Lengths are compared first and openly: a MAC's or
    /// digest's length is public, only its contents are secret.
    package static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in equals(left, right) }
        }
    }

    package static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == 0 }
        return CRYPTO_memcmp(left, right, lhs.count) == 0
    }
}
