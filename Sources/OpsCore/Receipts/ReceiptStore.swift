import Foundation

/// Where the receipts log lives, as one protocol with two implementations: the JSONL file
/// (`ReceiptLog`, the default) and PostgreSQL (`PostgresReceiptStore` in OpsConnectors, for
/// teams). Both hold the same canonical line bytes and hash chain (docs/formats.md,
/// "Receipts log"), so one verifier and one reader serve both, and `receipts export` of
/// either is the same file. Every command that reads or writes receipts goes through this.
package protocol ReceiptStore: Sendable {
    /// Names the log in messages and reports: a path, or a password-free PostgreSQL target.
    var location: String { get }
    /// `OPSCTL_RECEIPTS_KEY` as bytes, when set: appends add a MAC and verifying requires one.
    var macKey: [UInt8]? { get }
    /// Whether the log exists yet (a missing file, a database with no row for this log).
    func exists() throws(ReceiptError) -> Bool
    /// Seals and appends one receipt chained to the current head, and returns it once durable.
    @discardableResult
    func append(kind: ReceiptKind, actor: String, body: [String: JSONValue], date: Date) throws(ReceiptError) -> Receipt
    /// The current head; nil for an empty log.
    func head() throws(ReceiptError) -> ReceiptHead?
    /// Checks the whole chain as stored and reports the first break.
    func verify(expectHead: ExpectedHead?) throws(ReceiptError) -> VerificationReport
    /// The receipts in order, optionally one kind and/or one change ID; a damaged line is an error.
    func list(kind: ReceiptKind?, changeID: String?) throws(ReceiptError) -> [Receipt]
    /// Verifies the chain and returns its receipts from the same state of the log, so nothing
    /// appended between the check and the read is trusted unchecked (what `apply` reads
    /// approvals through). The receipts are only meaningful when the report is intact.
    func verifiedReceipts(expectHead: ExpectedHead?) throws(ReceiptError) -> VerifiedReceipts
    /// Each stored line in order, exactly as stored and without its newline; `body` returns
    /// false to stop. What `receipts export` writes.
    func forEachLine(_ body: (UnsafeRawBufferPointer) -> Bool) throws(ReceiptError)
    /// Loads the lines of a verified log into this one, which must be empty.
    func importLines(_ lines: [[UInt8]]) throws(ReceiptError)
    /// The checkpoint file: always a local file, never kept with the log it vouches for.
    var checkpointPath: String { get }
    /// Clears a torn tail (file only: a database commit cannot tear). Nil when intact.
    func repair(actor: String, date: Date) throws(ReceiptError) -> RepairResult?

    /// Takes the apply lock for this log, or throws `ApplyError.locked` naming who holds it.
    func acquireApplyLock(holder: ApplyLock.Holder) throws(ApplyError) -> any ApplyLease
    /// Who holds the apply lock now; nil when nobody does.
    func applyLockHolder() throws(ApplyError) -> ApplyLock.Holder?
    /// Breaks the apply lock whoever holds it (`opsctl unlock --force`) and returns the
    /// holder it broke, or nil when nobody held it.
    func breakApplyLock() throws(ApplyError) -> ApplyLock.Holder?
}

/// A verification and the receipts it covered.
package struct VerifiedReceipts: Sendable {
    package var report: VerificationReport
    package var receipts: [Receipt]

    package init(report: VerificationReport, receipts: [Receipt]) {
        self.report = report
        self.receipts = receipts
    }
}

/// A held apply lock; `release` is idempotent and also runs when the value goes away.
package protocol ApplyLease: AnyObject {
    func release()
}

extension ReceiptStore {
    package func readCheckpoint() throws(ReceiptError) -> ReceiptHead? {
        try ReceiptCheckpoint.read(from: checkpointPath)
    }

    /// The whole log, checked against its checkpoint (when there is one) in the same pass
    /// that reads it: what apply, export, revert and bundle checks trust. A chain cut back
    /// below the checkpoint would still link; the checkpoint catches that.
    package func receiptsVerifiedToCheckpoint() throws(ReceiptError) -> VerifiedReceipts {
        try verifiedReceipts(expectHead: try readCheckpoint().map(ExpectedHead.init))
    }

    package func writeCheckpoint(_ head: ReceiptHead) throws(ReceiptError) {
        try ReceiptCheckpoint.write(head, to: checkpointPath)
    }

    /// The whole log as the file backend would hold it: each line and its newline.
    package func exportedBytes() throws(ReceiptError) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachLine { line in
            bytes.append(contentsOf: line)
            bytes.append(UInt8(ascii: "\n"))
            return true
        }
        return bytes
    }
}
