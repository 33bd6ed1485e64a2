import OpsCore

/// Why no AWS credentials could be had: the job's OIDC token was refused or unreadable, or
/// STS would not exchange it. One sentence naming the request, a hint saying what to check.
package struct AWSCredentialError: DiagnosticError, Equatable, CustomStringConvertible {
    package var diagnostic: Diagnostic

    package init(message: String, hint: String?) {
        diagnostic = Diagnostic(severity: .error, message: message, hint: hint)
    }

    package var description: String { diagnostic.message }
}
