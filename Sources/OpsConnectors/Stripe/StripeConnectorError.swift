import OpsCore

/// Why the Stripe connector refuses a request that is not a plan.
enum StripeConnectorError: DiagnosticError, Equatable {
    /// Stripe is audited only: plans carry checks, never changes, so a change reaching
    /// refresh or apply did not come from this connector.
    case readOnly(ChangeID)

    var diagnostic: Diagnostic {
        switch self {
        case .readOnly(let id):
            Diagnostic(
                message: "stripe is read-only in opsctl, so \(id) cannot be refreshed or applied",
                hint: "carry out the suggested action of the Stripe check by hand, then re-run plan"
            )
        }
    }
}
