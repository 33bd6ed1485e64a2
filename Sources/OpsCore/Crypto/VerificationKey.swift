internal import CCrypto

/// A public key held by libcrypto, built from the parts a wire format carries (an SSH key blob),
/// for checking signatures with `EVP_DigestVerify`. Owns one `EVP_PKEY`, freed in `deinit`.
/// Nothing here parses a wire format: callers hand over raw key material and signatures.
package final class VerificationKey {
    package enum Curve: String, Sendable, Equatable {
        case p256 = "P-256"
        case p384 = "P-384"
        case p521 = "P-521"
    }

    private let crypto: LibCrypto
    private let key: OpaquePointer

    private init(crypto: LibCrypto, key: OpaquePointer) {
        self.crypto = crypto
        self.key = key
    }

    deinit {
        crypto.api.EVP_PKEY_free(key)
    }

    /// An Ed25519 key from its 32 raw bytes.
    package static func ed25519(publicKey: [UInt8]) throws(CryptoError) -> VerificationKey {
        let crypto = try LibCrypto.load()
        let name: StaticString = "ED25519"
        let key = publicKey.withUnsafeBufferPointer { bytes in
            crypto.api.EVP_PKEY_new_raw_public_key_ex(nil, UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self), nil, bytes.baseAddress, bytes.count)
        }
        guard let key else { throw CryptoError(.libcrypto(function: "EVP_PKEY_new_raw_public_key_ex")) }
        return VerificationKey(crypto: crypto, key: key)
    }

    /// An RSA public key from its big-endian modulus and exponent.
    package static func rsa(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) -> VerificationKey {
        let crypto = try LibCrypto.load()
        guard let builder = crypto.api.OSSL_PARAM_BLD_new() else { throw CryptoError(.libcrypto(function: "OSSL_PARAM_BLD_new")) }
        defer { crypto.api.OSSL_PARAM_BLD_free(builder) }
        let n = modulus.withUnsafeBufferPointer { crypto.api.BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        let e = exponent.withUnsafeBufferPointer { crypto.api.BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        defer {
            crypto.api.BN_free(n)
            crypto.api.BN_free(e)
        }
        guard let n, let e else { throw CryptoError(.libcrypto(function: "BN_bin2bn")) }
        // The builder keeps the key names' and numbers' pointers until OSSL_PARAM_BLD_to_param:
        // static strings, and numbers freed only after it.
        let nName: StaticString = "n"
        let eName: StaticString = "e"
        try checkLibcrypto(crypto.api.OSSL_PARAM_BLD_push_BN(builder, cString(nName), n), "OSSL_PARAM_BLD_push_BN")
        try checkLibcrypto(crypto.api.OSSL_PARAM_BLD_push_BN(builder, cString(eName), e), "OSSL_PARAM_BLD_push_BN")
        guard let parameters = crypto.api.OSSL_PARAM_BLD_to_param(builder) else { throw CryptoError(.libcrypto(function: "OSSL_PARAM_BLD_to_param")) }
        defer { crypto.api.OSSL_PARAM_free(parameters) }
        return try fromData(algorithm: "RSA", parameters: parameters)
    }

    /// An elliptic-curve public key from its curve and its SEC1 point (`04 ‖ X ‖ Y`), checked
    /// to lie on the curve.
    package static func ec(curve: Curve, point: [UInt8]) throws(CryptoError) -> VerificationKey {
        let crypto = try LibCrypto.load()
        guard let builder = crypto.api.OSSL_PARAM_BLD_new() else { throw CryptoError(.libcrypto(function: "OSSL_PARAM_BLD_new")) }
        defer { crypto.api.OSSL_PARAM_BLD_free(builder) }
        let groupName: StaticString = "group"
        let pubName: StaticString = "pub"
        let curveName: StaticString =
            switch curve {
            case .p256: "P-256"
            case .p384: "P-384"
            case .p521: "P-521"
            }
        try checkLibcrypto(
            crypto.api.OSSL_PARAM_BLD_push_utf8_string(builder, cString(groupName), cString(curveName), 0), "OSSL_PARAM_BLD_push_utf8_string")
        // The point's bytes are copied by OSSL_PARAM_BLD_to_param, so both happen while they are pinned.
        let built = point.withUnsafeBytes { bytes -> Result<VerificationKey, CryptoError> in
            Result { () throws(CryptoError) in
                try checkLibcrypto(
                    crypto.api.OSSL_PARAM_BLD_push_octet_string(builder, cString(pubName), bytes.baseAddress, bytes.count), "OSSL_PARAM_BLD_push_octet_string")
                guard let parameters = crypto.api.OSSL_PARAM_BLD_to_param(builder) else { throw CryptoError(.libcrypto(function: "OSSL_PARAM_BLD_to_param")) }
                defer { crypto.api.OSSL_PARAM_free(parameters) }
                return try fromData(algorithm: "EC", parameters: parameters)
            }
        }
        let key = try built.get()
        guard let context = crypto.api.EVP_PKEY_CTX_new_from_pkey(nil, key.key, nil) else {
            throw CryptoError(.libcrypto(function: "EVP_PKEY_CTX_new_from_pkey"))
        }
        defer { crypto.api.EVP_PKEY_CTX_free(context) }
        try checkLibcrypto(crypto.api.EVP_PKEY_public_check(context), "EVP_PKEY_public_check")
        return key
    }

    private static func fromData(algorithm: StaticString, parameters: UnsafeMutablePointer<OSSL_PARAM>) throws(CryptoError) -> VerificationKey {
        let crypto = try LibCrypto.load()
        guard let context = crypto.api.EVP_PKEY_CTX_new_from_name(nil, cString(algorithm), nil) else {
            throw CryptoError(.libcrypto(function: "EVP_PKEY_CTX_new_from_name"))
        }
        defer { crypto.api.EVP_PKEY_CTX_free(context) }
        try checkLibcrypto(crypto.api.EVP_PKEY_fromdata_init(context), "EVP_PKEY_fromdata_init")
        var key: OpaquePointer?
        try checkLibcrypto(crypto.api.EVP_PKEY_fromdata(context, &key, opsctl_evp_pkey_public_key_selection(), parameters), "EVP_PKEY_fromdata")
        guard let key else { throw CryptoError(.libcrypto(function: "EVP_PKEY_fromdata")) }
        return VerificationKey(crypto: crypto, key: key)
    }

    /// The key's size in bits (an RSA modulus's length).
    package var bits: Int { Int(crypto.api.EVP_PKEY_get_bits(key)) }

    /// The largest signature the key makes, in bytes (an RSA signature's exact length).
    package var maximumSignatureBytes: Int { Int(crypto.api.EVP_PKEY_get_size(key)) }

    /// True when `signature` is this key's signature of `message`, hashed with `digest`
    /// (nil for Ed25519, which hashes internally and takes only one-shot calls). A malformed
    /// signature is simply not valid; only a failure to set up the check throws.
    package func verify(signature: [UInt8], of message: [UInt8], digest: MessageDigest.Algorithm?) throws(CryptoError) -> Bool {
        guard let context = crypto.api.EVP_MD_CTX_new() else { throw CryptoError(.libcrypto(function: "EVP_MD_CTX_new")) }
        defer { crypto.api.EVP_MD_CTX_free(context) }
        let initialised: Int32 =
            if let digest {
                digest.rawValue.withCString { name in crypto.api.EVP_DigestVerifyInit_ex(context, nil, name, nil, nil, key, nil) }
            } else {
                crypto.api.EVP_DigestVerifyInit_ex(context, nil, nil, nil, nil, key, nil)
            }
        try checkLibcrypto(initialised, "EVP_DigestVerifyInit_ex")
        let result = signature.withUnsafeBufferPointer { signatureBytes in
            message.withUnsafeBufferPointer { messageBytes in
                crypto.api.EVP_DigestVerify(context, signatureBytes.baseAddress, signatureBytes.count, messageBytes.baseAddress, messageBytes.count)
            }
        }
        return result == 1
    }

    /// An ECDSA signature's (r, s), big-endian and unsigned, as the DER `ECDSA-Sig-Value`
    /// `EVP_DigestVerify` expects.
    package static func ecdsaDER(r: [UInt8], s: [UInt8]) throws(CryptoError) -> [UInt8] {
        let crypto = try LibCrypto.load()
        guard let signature = crypto.api.ECDSA_SIG_new() else { throw CryptoError(.libcrypto(function: "ECDSA_SIG_new")) }
        defer { crypto.api.ECDSA_SIG_free(signature) }
        let rNumber = r.withUnsafeBufferPointer { crypto.api.BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        let sNumber = s.withUnsafeBufferPointer { crypto.api.BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        guard let rNumber, let sNumber else {
            crypto.api.BN_free(rNumber)
            crypto.api.BN_free(sNumber)
            throw CryptoError(.libcrypto(function: "BN_bin2bn"))
        }
        // ECDSA_SIG_set0 takes ownership of both numbers when it succeeds.
        guard crypto.api.ECDSA_SIG_set0(signature, rNumber, sNumber) == 1 else {
            crypto.api.BN_free(rNumber)
            crypto.api.BN_free(sNumber)
            throw CryptoError(.libcrypto(function: "ECDSA_SIG_set0"))
        }
        let length = crypto.api.i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else { throw CryptoError(.libcrypto(function: "i2d_ECDSA_SIG")) }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return crypto.api.i2d_ECDSA_SIG(signature, &cursor)
        }
        guard written == length else { throw CryptoError(.libcrypto(function: "i2d_ECDSA_SIG")) }
        return der
    }
}

private func cString(_ text: StaticString) -> UnsafeMutablePointer<CChar> {
    // OpenSSL only reads these names despite some parameters being `char *`.
    UnsafeMutableRawPointer(mutating: text.utf8Start).assumingMemoryBound(to: CChar.self)
}
