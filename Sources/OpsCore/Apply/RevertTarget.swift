/// The applied change `plan --revert <seq|changeId>` undoes, found in a verified log: the
/// outcome receipt at that seq, or the change's last applied outcome.
package enum RevertTarget {
    package static func find(_ reference: String, in receipts: [Receipt]) throws(RevertError) -> RevertRequest {
        let receipt: Receipt
        if let seq = Int(reference) {
            guard let found = receipts.first(where: { $0.seq == seq }) else { throw .noSuchReceipt(seq) }
            guard found.kind == .outcome else { throw .notAnOutcome(seq: seq, kind: found.kind.rawValue) }
            receipt = found
        } else {
            guard ChangeID(reference) != nil else { throw .notAReference(reference) }
            let outcomes = receipts.filter { $0.kind == .outcome && $0.names(changeID: reference) }
            guard let applied = outcomes.last(where: { OutcomeReceiptBody($0)?.result == .applied }) else {
                throw .neverApplied(reference, attempted: !outcomes.isEmpty)
            }
            receipt = applied
        }
        guard let body = OutcomeReceiptBody(receipt), let id = ChangeID(body.change.changeID) else {
            throw .notAnOutcome(seq: receipt.seq, kind: receipt.kind.rawValue)
        }
        guard body.result == .applied else { throw .notApplied(seq: receipt.seq, result: body.result.rawValue) }
        return RevertRequest(changeID: id, before: body.before ?? .null, after: body.after ?? .null, outcomeSeq: receipt.seq)
    }
}

package enum RevertError: DiagnosticError, Equatable {
    case notAReference(String)
    case noSuchReceipt(Int)
    case notAnOutcome(seq: Int, kind: String)
    case notApplied(seq: Int, result: String)
    case neverApplied(String, attempted: Bool)

    package var diagnostic: Diagnostic {
        switch self {
        case .notAReference(let text):
            Diagnostic(message: "'\(text)' is neither a receipt seq nor a change ID", hint: "pass an outcome receipt's seq or a change ID (scope.resource.action.name)")
        case .noSuchReceipt(let seq):
            Diagnostic(message: "the receipts log has no receipt \(seq)", hint: "list outcomes with 'opsctl receipts list --kind outcome'")
        case .notAnOutcome(let seq, let kind):
            Diagnostic(message: "receipt \(seq) is a \(kind) receipt, not the outcome of an apply", hint: "list outcomes with 'opsctl receipts list --kind outcome'")
        case .notApplied(let seq, let result):
            Diagnostic(message: "receipt \(seq) records a change that was not applied (\(result)), so there is nothing to undo")
        case .neverApplied(let id, let attempted):
            Diagnostic(
                message: attempted ? "\(id) was never applied successfully, so there is nothing to undo" : "the receipts log has no outcome for \(id)",
                hint: "list outcomes with 'opsctl receipts list --kind outcome'")
        }
    }
}
