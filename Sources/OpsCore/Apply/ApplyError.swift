/// Why `apply` refused to start. Problems with single changes are reported per change instead.
package enum ApplyError: DiagnosticError, Equatable {
    case locked(path: String, holder: ApplyLock.Holder?)
    case lockUnavailable(path: String, reason: String)
    case receiptsNotIntact(VerificationFailure)
    case receipts(ReceiptError)
    case unknownChanges([String])
    /// The plan could not read these scopes, so it says nothing true about them.
    case incompletePlan([ServiceScope])

    package var diagnostic: Diagnostic {
        switch self {
        case .locked(let path, let holder?):
            return Diagnostic(
                message: "another apply is running: \(holder.actor) (pid \(holder.pid)) since \(holder.since), applying \(holder.plan)",
                hint: "wait for it to finish; the lock is \(path) and is released when that process exits"
            )
        case .locked(let path, nil):
            return Diagnostic(message: "another apply is running (lock \(path))", hint: "wait for it to finish")
        case .lockUnavailable(let path, let reason):
            return Diagnostic(message: "cannot create the apply lock \(path): \(reason)", hint: "check that the directory is writable")
        case .receiptsNotIntact(let failure):
            return Diagnostic(
                message: "the receipts log is not intact, so its approvals cannot be trusted: \(failure.diagnostic.message)",
                hint: "run 'opsctl receipts verify' for details; 'opsctl receipts repair' fixes a torn last line"
            )
        case .receipts(let error):
            return error.diagnostic
        case .incompletePlan(let scopes):
            return Diagnostic(
                message: "the plan is incomplete: \(scopes.map(\.rawValue).joined(separator: ", ")) could not be read when it was made",
                hint: "re-run plan once every scope can be read"
            )
        case .unknownChanges(let ids):
            return Diagnostic(
                message: "asked to apply \(ids.count == 1 ? "a change" : "changes") the plan does not hold: \(ids.joined(separator: ", "))",
                hint: "run 'opsctl show PLAN' to list the plan's change IDs"
            )
        }
    }
}
