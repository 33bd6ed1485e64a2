/// Why a secret value could not be fingerprinted at plan time.
package enum SecretFingerprintError: DiagnosticError, Equatable {
    case key(FingerprintKeyError)
    case unresolved(SecretResolutionError)
    /// This run reads no `valueFrom` references before apply.
    case noResolver(reference: String)

    package var diagnostic: Diagnostic {
        switch self {
        case .key(let error): error.diagnostic
        case .unresolved(let error): error.diagnostic
        case .noResolver(let reference):
            Diagnostic(message: "the secret '\(reference)' is not read before apply in this run", hint: "compare values with 'opsctl plan'")
        }
    }
}
