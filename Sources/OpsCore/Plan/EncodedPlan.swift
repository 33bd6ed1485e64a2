/// A plan in its file form, in memory: the bytes `PlanFile` writes and the digest they carry,
/// from one pass (`PlanWireFormat.stream`). `plan` itself streams the file instead
/// (`PlanFile.write(_:to:)`), so a large plan is never held whole (docs/performance.md).
package struct EncodedPlan: Sendable, Hashable {
    /// The file's content: pretty JSON and a final line break.
    package var bytes: [UInt8]
    /// `sha256:<hex>`, as `PlanDigest.of(plan)` gives it.
    package var digest: String

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
