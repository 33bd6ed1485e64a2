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

    /// Without libcrypto nothing is equal: no caller gets here without a MAC or digest that
    /// libcrypto made, whose making reported the failure already.
    package static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == 0 }
        guard let crypto = try? LibCrypto.load() else { return false }
        return crypto.api.CRYPTO_memcmp(left, right, lhs.count) == 0
    }
}
