/// Why `apply` refused to start. Problems with single changes are reported per change instead.
package enum ApplyError: DiagnosticError, Equatable {
    case locked(path: String, holder: ApplyLock.Holder?)
    case lockUnavailable(path: String, reason: String)
    /// The store cannot hold an apply lock as configured (a transaction-mode pooler).
    case lockRefused(location: String, reason: String, hint: String)
    case receiptsNotIntact(VerificationFailure)
    case receipts(ReceiptError)
    case unknownChanges([String])
    /// The plan could not read these scopes, so it says nothing true about them.
    case incompletePlan([ServiceScope])

    package var diagnostic: Diagnostic {
        switch self {
        case .locked(let path, let holder?):
            let host = holder.host.map { " on \($0)" } ?? ""
            let process = holder.backendPID.map { "pid \(holder.pid), database session \($0)" } ?? "pid \(holder.pid)"
            let plan = holder.planDigest.map { "plan \($0) (\(holder.plan))" } ?? holder.plan
            let released = holder.backendPID == nil ? "when that process exits" : "when that apply ends or its database session closes"
            return Diagnostic(
                message: "apply is locked by \(holder.actor)\(host) since \(holder.since) for \(plan) (\(process))",
                hint: "wait for it to finish; the lock is \(path) and is released \(released); `opsctl unlock --force` breaks it"
            )
        case .locked(let path, nil):
            return Diagnostic(message: "another apply is running (lock \(path))", hint: "wait for it to finish")
        case .lockRefused(let location, let reason, let hint):
            return Diagnostic(message: "cannot take the apply lock on \(location): \(reason)", hint: hint)
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
