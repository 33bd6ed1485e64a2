/// Why an archive could not be written or read, as one sentence.
package struct ArchiveError: DiagnosticError, Equatable {
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: reason)
    }
}
