import OpsCore

/// A listing Stripe refused or that never answered, worded for an `error` check. A restricted
/// key without the permission a listing needs gets a 403 whose message names it
/// (`Having the 'rak_price_read' permission would allow this request to continue.`); the
/// check repeats that name so the fix is one click in the dashboard.
struct StripeReadFailure: DiagnosticError {
    /// What was being read, plural: "prices", "webhook endpoints".
    var collection: String
    var request: String
    var key: StripeKey
    var error: any Error
    var redactor: Redactor

    var diagnostic: Diagnostic {
        if case .status(_, let status, _, let message)? = error as? HTTPClientError {
            switch status {
            case 403:
                if let permission = message.flatMap(Self.permission(in:)) {
                    return Diagnostic(
                        message: "Stripe \(key.marker): the key may not list \(collection) (\(request)): it lacks the \(permission) permission",
                        hint: "grant \(permission) to the restricted key in the Stripe dashboard (Developers, API keys), or use a key that has it"
                    )
                }
                return Diagnostic(
                    message: "Stripe \(key.marker): the key may not list \(collection) (\(request))\(message.map { ": \($0)" } ?? "")",
                    hint: "give the key read access to \(collection) in the Stripe dashboard (Developers, API keys)"
                )
            case 401:
                return Diagnostic(
                    message: "Stripe \(key.marker) refused \(StripeConnector.keyVariable) (401)\(message.map { ": \($0)" } ?? "")",
                    hint: "check that \(StripeConnector.keyVariable) is a current secret or restricted key of the account; rolled keys stop working"
                )
            default:
                break
            }
        }
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return Diagnostic(message: redactor.redact("Stripe \(key.marker): cannot list \(collection): \(diagnostic.message)"), hint: diagnostic.hint.map(redactor.redact))
        }
        return Diagnostic(message: redactor.redact("Stripe \(key.marker): cannot list \(collection): \(error)"))
    }

    /// The `rak_…` name in a Stripe permission message, if there is one.
    static func permission(in message: String) -> String? {
        guard let start = message.range(of: "rak_") else { return nil }
        let name = message[start.lowerBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return name.count > 4 ? String(name) : nil
    }
}
