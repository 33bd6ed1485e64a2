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
        of(PlanWireFormat.digestedFields(of: change))
    }

    /// The plan's digest covers every field but the digest itself.
    package static func of(_ plan: Plan) -> String {
        of(PlanWireFormat.encodeWithoutDigest(plan))
    }
}
