import OpsCore

/// Why the SendGrid connector refuses a request that is not a plan.
enum SendGridConnectorError: DiagnosticError, Equatable {
    case readOnly(ChangeID)

    var diagnostic: Diagnostic {
        switch self {
        case .readOnly(let id):
            Diagnostic(
                message: "sendgrid is read-only in opsctl, so \(id) cannot be refreshed or applied",
                hint: "carry out the suggested action of the SendGrid check by hand, then re-run plan"
            )
        }
    }
}
