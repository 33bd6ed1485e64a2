import OpsCore

/// Why a notification was not delivered; the CLI prints it as a warning and the run's outcome
/// stands.
package struct NotificationError: DiagnosticError, Equatable {
    package var target: NotificationTarget
    package var reason: String
    package var hint: String?

    package init(target: NotificationTarget, reason: String, hint: String? = nil) {
        self.target = target
        self.reason = reason
        self.hint = hint
    }

    package var diagnostic: Diagnostic {
        Diagnostic(severity: .warning, message: "the \(target) notification was not sent: \(reason)", hint: hint)
    }
}
