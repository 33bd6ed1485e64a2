import OpsCore

/// Why the Vercel connector could not apply a change; each renders as one sentence and a hint.
enum VercelConnectorError: DiagnosticError, Equatable {
    /// `POST …/env` answered 201 with the variable under `failed`.
    case createFailed(key: String, code: String, message: String)
    /// `POST …/env` was refused because the variable exists for one of the targets.
    case alreadyExists(key: String, message: String)
    /// `POST …/env` answered 201 with neither `created` nor `failed` naming the variable.
    case createdNothing(key: String)
    /// An add needs a value, and the entry names no `valueFrom`.
    case noValueSource(ChangeID)
    /// The value read at apply time is not the one whose fingerprint the plan carries.
    case valueChangedSincePlan(ChangeID, reference: String)
    /// The plan's fingerprint was made under another key, so the value cannot be checked.
    case fingerprintKeyChanged(ChangeID, planned: String, current: String)
    case fingerprintUnavailable(ChangeID, FingerprintKeyError)

    var diagnostic: Diagnostic {
        switch self {
        case .createFailed(let key, let code, let message):
            Diagnostic(message: "Vercel did not create \(key): \(message) (\(code))", hint: "fix what Vercel names, then re-run plan and apply")
        case .alreadyExists(let key, let message):
            Diagnostic(
                message: "Vercel refused to create \(key): \(message)",
                hint: "someone created it since plan; re-run plan to compare it with desired-state.yaml"
            )
        case .createdNothing(let key):
            Diagnostic(message: "Vercel answered the creation of \(key) without the variable", hint: "re-run plan to see whether it exists")
        case .noValueSource(let id):
            Diagnostic(message: "\(id) has no valueFrom, so there is no value to write", hint: "add valueFrom to the entry in desired-state.yaml and re-run plan")
        case .valueChangedSincePlan(let id, let reference):
            Diagnostic(
                message: "the value behind \(reference) is not the one \(id) was planned with",
                hint: "re-run plan so the new value's change can be reviewed and approved"
            )
        case .fingerprintKeyChanged(let id, let planned, let current):
            Diagnostic(
                message: "\(id) was planned under fingerprint key \(planned), but this run's key is \(current), so its value cannot be checked against the plan",
                hint: "set OPSCTL_FINGERPRINT_KEY to the key used at plan time, or re-run plan here"
            )
        case .fingerprintUnavailable(let id, let error):
            Diagnostic(message: "cannot check the value of \(id) against the plan: \(error.message)", hint: error.hint)
        }
    }
}
