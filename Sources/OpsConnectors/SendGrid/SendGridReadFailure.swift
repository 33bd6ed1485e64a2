import OpsCore

/// A listing SendGrid refused or that never answered, worded for an `error` check. A key
/// without the scope a listing needs gets 403 (`access forbidden`); the check names the scope.
struct SendGridReadFailure: DiagnosticError {
    /// What was being read, plural: "authenticated domains".
    var collection: String
    var request: String
    /// The API key permission ("scope" in SendGrid's words) the listing needs.
    var permission: String
    var error: any Error
    var redactor: Redactor

    var diagnostic: Diagnostic {
        if case .status(_, let status, _, let message)? = error as? HTTPClientError {
            switch status {
            case 403:
                return Diagnostic(
                    message: "SendGrid refused to list \(collection) (\(request), 403\(message.map { ": \($0)" } ?? "")): the key lacks the \(permission) scope",
                    hint: "give the API key \(permission) in SendGrid (Settings, API Keys, edit the key), or use a key that has it"
                )
            case 401:
                return Diagnostic(
                    message: "SendGrid refused \(SendGridConnector.keyVariable) (401)\(message.map { ": \($0)" } ?? "")",
                    hint: "check that \(SendGridConnector.keyVariable) is a current API key of the account (SG.…); deleted keys stop working, and EU subusers need OPS_SENDGRID_REGION=eu"
                )
            default:
                break
            }
        }
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return Diagnostic(message: redactor.redact("SendGrid: cannot list \(collection): \(diagnostic.message)"), hint: diagnostic.hint.map(redactor.redact))
        }
        return Diagnostic(message: redactor.redact("SendGrid: cannot list \(collection): \(error)"))
    }
}
