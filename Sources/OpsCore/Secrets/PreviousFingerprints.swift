/// What earlier applies recorded about the objects they wrote: the `after` snapshot of every
/// `outcome` receipt whose result is `applied`, with the value fingerprint it holds.
///
/// Connectors read it at plan time to tell whether a write-only secret (a Vercel `sensitive`
/// variable, which the API never returns) still holds the value opsctl last set. Read-only,
/// and loaded on first use, so plans that never ask never read the receipts log.
package struct PreviousFingerprints: Sendable {
    /// One applied change as its outcome receipt recorded it.
    package struct Record: Sendable, Equatable {
        package var changeID: String
        package var seq: Int
        package var after: JSONValue
        /// Nil when the snapshot recorded no value (the change set none, or it was unknown).
        package var fingerprint: SecretFingerprint?

        package init(changeID: String, seq: Int, after: JSONValue) {
            self.changeID = changeID
            self.seq = seq
            self.after = after
            fingerprint = SecretFingerprint(snapshot: after)
        }
    }

    /// Read once, by the first variable to ask; the others ask at the same moment and wait.
    /// Shared by every copy of this value, as `ComputedOnce` is a class.
    private let storage: ComputedOnce<[Record]>

    /// Records read by `load` when first needed (the CLI passes a reader of the receipts log).
    package init(loading load: @escaping @Sendable () -> [Receipt]) {
        storage = ComputedOnce { Self.records(from: load()) }
    }

    package init(receipts: [Receipt]) {
        let records = Self.records(from: receipts)
        storage = ComputedOnce { records }
    }

    package static let none = PreviousFingerprints(receipts: [])

    /// Every record, oldest first.
    package var records: [Record] { storage.value }

    /// The newest record whose change ID starts with `changeIDPrefix` and whose `after`
    /// satisfies `matches`.
    package func latest(changeIDPrefix: String, where matches: (JSONValue) -> Bool) -> Record? {
        storage.value.last { $0.changeID.hasPrefix(changeIDPrefix) && matches($0.after) }
    }

    static func records(from receipts: [Receipt]) -> [Record] {
        receipts.compactMap { receipt in
            guard let outcome = OutcomeReceiptBody(receipt), outcome.result == .applied,
                let after = outcome.after, case .object = after
            else { return nil }
            return Record(changeID: outcome.change.changeID, seq: receipt.seq, after: after)
        }
    }
}
