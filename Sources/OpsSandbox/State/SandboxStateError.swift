import OpsCore

/// Why the sandbox's state file could not be loaded or saved.
package struct SandboxStateError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case unreadable(String)
        case syntax(JSONParseError)
        case notAnObject
        case invalidSection(scope: String, path: String, problem: String)
        case missingDirectory(String)
        case saveFailed(String)
    }

    package var file: String
    package var reason: Reason

    package init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .unreadable(let why):
            "cannot read the sandbox state file \(file): \(why)"
        case .syntax(let error):
            "the sandbox state file \(file) is not valid JSON at line \(error.line), column \(error.column): \(error.problem)"
        case .notAnObject:
            "the sandbox state file \(file) must hold one JSON object with a member per service, like {\"github\": {...}}"
        case .invalidSection(let scope, let path, let problem):
            "the sandbox state file \(file) has an invalid \(scope) section at \(path.isEmpty ? scope : "\(scope).\(path)"): \(problem)"
        case .missingDirectory(let directory):
            "the directory \(directory) for the sandbox state file \(file) does not exist"
        case .saveFailed(let why):
            "cannot save the sandbox state file \(file): \(why)"
        }
    }

    package var hint: String? {
        switch reason {
        case .unreadable: "check the file's permissions"
        case .syntax, .notAnObject, .invalidSection:
            "fix the file by hand, or move it away to start with an empty sandbox (examples/sandbox-state.json is a valid seed)"
        case .missingDirectory: "create the directory, or point --state at a file in an existing one"
        case .saveFailed: "check free space and permissions of the state file's directory"
        }
    }

    package var diagnostic: Diagnostic {
        var location: SourceLocation?
        if case .syntax(let error) = reason {
            location = SourceLocation(file: file, line: error.line, column: error.column)
        }
        return Diagnostic(message: message, location: location, hint: hint)
    }
}
