/// A plan in its file form, encoded once: the bytes `PlanFile` writes and the digest they
/// carry. `plan` needs both; building the wire form and its canonical JSON once for the
/// digest and again for the file was a sixth of a large plan's CPU (docs/performance.md).
package struct EncodedPlan: Sendable, Hashable {
    /// The file's content: pretty JSON and a final line break.
    package var bytes: [UInt8]
    /// `sha256:<hex>`, as `PlanDigest.of(plan)` gives it.
    package var digest: String

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
