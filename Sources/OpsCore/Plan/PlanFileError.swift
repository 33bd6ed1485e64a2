/// Why a plan file cannot be used.
package struct PlanFileError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case unreadable(String)
        case notJSON(String)
        case unsupportedFormat(String)
        case missingField(String)
        case wrongType(field: String, expected: String)
        case invalidValue(field: String, value: String)
        case digestMismatch(recorded: String, actual: String)
        case changeDigestMismatch(change: String)
        case unwritable(String)
    }

    package var path: String
    package var reason: Reason

    package init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .unreadable(let why): return "cannot read the plan file \(path): \(why)"
        case .notJSON(let why): return "the plan file \(path) is not valid JSON (\(why)); it may be truncated"
        case .unsupportedFormat(let version):
            return "the plan file \(path) has format \(version), but this opsctl reads format 1.x only"
        case .missingField(let field): return "the plan file \(path) has no '\(field)'"
        case .wrongType(let field, let expected): return "'\(field)' in the plan file \(path) should be \(expected)"
        case .invalidValue(let field, let value): return "'\(field)' in the plan file \(path) has an invalid value '\(value)'"
        case .digestMismatch(let recorded, let actual):
            let (written, found) = DigestDifference.pair(recorded, actual)
            return "the plan file \(path) was modified after it was written (digest \(written) recorded, content hashes to \(found))"
        case .changeDigestMismatch(let change):
            return "the change \(change) in the plan file \(path) was modified after planning"
        case .unwritable(let why): return "cannot write the plan file \(path): \(why)"
        }
    }

    package var hint: String {
        switch reason {
        case .unreadable, .notJSON, .missingField, .wrongType, .invalidValue: return "re-run 'opsctl plan' to write a fresh plan file"
        case .unsupportedFormat: return "use the opsctl version that wrote the plan, or re-run 'opsctl plan'"
        case .digestMismatch, .changeDigestMismatch: return "never edit plan files by hand; re-run 'opsctl plan' and review the new plan"
        case .unwritable: return "check that the directory exists and is writable"
        }
    }

    package var diagnostic: Diagnostic { Diagnostic(message: message, hint: hint) }
}
