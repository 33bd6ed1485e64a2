/// Digests that tie approvals and receipts to exact content.
package enum PlanDigest {
    /// `sha256:<hex>` of a value's canonical JSON.
    package static func of(_ value: JSONValue) -> String {
        "sha256:" + hexSHA256(JSONWriter.canonicalBytes(value))
    }

    package static func hexSHA256(_ bytes: [UInt8]) -> String {
        // SHA-256 through libcrypto fails only when OpenSSL itself is broken; there is no
        // sensible digest to return then, and continuing would make approvals meaningless.
        do {
            return try SHA256.hexHash(bytes)
        } catch {
            fatalError("libcrypto SHA-256 failed: \(error.message)")
        }
    }

    /// The change's digest leaves out what policy decides (approval needs) and where the
    /// entry sits in the file, but keeps `observed`: an approval survives a re-plan that
    /// yields the identical change, and remote drift invalidates it.
    package static func of(_ change: Change) -> String {
        "sha256:" + hexSHA256(PlanWireFormat.digestedBytes(of: change))
    }

    /// The plan's digest covers every field but the digest itself: the canonical JSON of the
    /// file's top-level object without `digest`, hashed as it is written, never held whole.
    package static func of(_ plan: Plan) -> String {
        PlanWireFormat.stream(plan, writesFile: false) { (_: [UInt8]) in }.digest
    }

    /// `sha256:<hex>` of bytes given in parts.
    struct Running {
        private let hasher: SHA256Hasher

        init() {
            do {
                hasher = try SHA256Hasher()
            } catch {
                fatalError("libcrypto SHA-256 failed: \(error.message)")
            }
        }

        func update(_ bytes: [UInt8]) {
            do {
                try hasher.update(bytes)
            } catch {
                fatalError("libcrypto SHA-256 failed: \(error.message)")
            }
        }

        func finish() -> String {
            do {
                return "sha256:" + Hex.encode(try hasher.finalize())
            } catch {
                fatalError("libcrypto SHA-256 failed: \(error.message)")
            }
        }
    }
}
