/// Why `export` or a bundle check could not go on, as one sentence plus a hint.
package enum ExportError: DiagnosticError, Equatable {
    case noOutcome(changeID: String, planned: Bool)
    case logDoesNotVerify(detail: String)
    case destinationExists(path: String)
    case destinationIsSymbolicLink(path: String)
    case notABundle(path: String, reason: String)
    case bundleTampered(path: String, reason: String)

    package var diagnostic: Diagnostic {
        switch self {
        case .noOutcome(let changeID, let planned):
            Diagnostic(
                message: "the receipts log has no outcome for \(changeID)",
                hint: planned
                    ? "it was planned but never applied; export covers changes that apply attempted"
                    : "check the ID with 'opsctl receipts list'; export covers changes that apply attempted")
        case .logDoesNotVerify(let detail):
            Diagnostic(
                message: "the receipts log does not verify, so it cannot prove anything: \(detail)",
                hint: "run 'opsctl receipts verify' for the details")
        case .destinationExists(let path):
            Diagnostic(message: "\(path) already exists", hint: "choose another --out or pass --force to replace it")
        case .destinationIsSymbolicLink(let path):
            Diagnostic(
                message: "\(path) is a symbolic link; export never writes through one",
                hint: "remove the link or choose another --out")
        case .notABundle(let path, let reason):
            Diagnostic(message: "\(path) is not an opsctl export bundle: \(reason)")
        case .bundleTampered(let path, let reason):
            Diagnostic(message: "the bundle \(path) does not verify: \(reason)", hint: "get the bundle again from where it was exported")
        }
    }
}
