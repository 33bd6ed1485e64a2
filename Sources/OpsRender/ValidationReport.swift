import OpsCore

/// What `validate` found: the files it read, in order, each with its diagnostics.
package struct ValidationReport: Sendable, Hashable {
    package struct File: Sendable, Hashable {
        package var path: String
        package var diagnostics: [Diagnostic]

        package init(path: String, diagnostics: [Diagnostic]) {
            self.path = path
            self.diagnostics = diagnostics
        }

        package var errorCount: Int { diagnostics.count(where: { $0.severity == .error }) }
        package var warningCount: Int { diagnostics.count(where: { $0.severity == .warning }) }
    }

    package var files: [File]

    package init(files: [File]) {
        self.files = files
    }

    /// Warnings do not make a file invalid; errors do.
    package var isValid: Bool { files.allSatisfy { $0.errorCount == 0 } }
    package var errorCount: Int { files.reduce(0) { $0 + $1.errorCount } }
    package var warningCount: Int { files.reduce(0) { $0 + $1.warningCount } }
}
