import OpsCore

/// A first look at `SENDGRID_API_KEY` before anything is sent. SendGrid keys are
/// `SG.<id>.<secret>`; a key with white space (a pasted `Bearer …`, a trailing newline) would
/// never work and is refused. Any other one-word key is sent: if SendGrid refuses it, the 401
/// says so, with the expected shape in the hint.
enum SendGridKeyProblem: DiagnosticError, Equatable {
    case containsWhiteSpace

    static func check(_ key: String) -> SendGridKeyProblem? {
        key.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 } ? .containsWhiteSpace : nil
    }

    var diagnostic: Diagnostic {
        Diagnostic(
            message: "\(SendGridConnector.keyVariable) contains white space; a SendGrid API key is one word",
            hint: "set \(SendGridConnector.keyVariable) to the key alone (SG.…), without 'Bearer' or line breaks"
        )
    }
}
