import OpsCore

/// Why a `--faults` specification was refused, naming the item at fault.
package struct FaultPlanError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case emptyItem(position: Int)
        case missingProbability
        case unknownKind(String)
        case statusOutOfRange(Int)
        case invalidProbability(String)
        case probabilityOutOfRange(String)
        case duplicateKind(String)
        case totalExceedsOne(Double)
    }

    package var spec: String
    package var item: String
    package var reason: Reason

    package init(spec: String, item: String, reason: Reason) {
        self.spec = spec
        self.item = item
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .emptyItem(let position):
            "invalid --faults '\(spec)': item \(position) is empty"
        case .missingProbability:
            "invalid --faults item '\(item)': expected KIND:PROBABILITY"
        case .unknownKind(let kind):
            "invalid --faults item '\(item)': '\(kind)' is neither an HTTP status nor 'reset'"
        case .statusOutOfRange(let code):
            "invalid --faults item '\(item)': status \(code) is not an error status (400-599)"
        case .invalidProbability(let text):
            "invalid --faults item '\(item)': '\(text)' is not a probability"
        case .probabilityOutOfRange(let text):
            "invalid --faults item '\(item)': probability \(text) is greater than 1"
        case .duplicateKind(let kind):
            "invalid --faults item '\(item)': '\(kind)' is listed twice"
        case .totalExceedsOne(let total):
            "invalid --faults '\(spec)': the probabilities add up to \(total), more than 1"
        }
    }

    package var hint: String {
        "write comma-separated KIND:PROBABILITY items, where KIND is a status from 400 to 599 or 'reset' "
            + "and PROBABILITY is from 0 to 1 (or a percentage), e.g. 429:0.1,500:0.05,reset:0.01"
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: message, hint: hint)
    }
}
