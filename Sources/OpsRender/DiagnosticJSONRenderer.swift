import OpsCore

/// Diagnostics as JSON values with a fixed shape: every key is present, unknown parts are
/// `null`, so consumers never have to probe for keys.
///
///     {"file": "desired-state.yaml", "line": 3, "column": 5, "severity": "error",
///      "message": "…", "hint": "…" | null,
///      "notes": [{"file": …, "line": …, "column": …, "message": "first defined here"}]}
package enum DiagnosticJSONRenderer {
    /// `fallbackFile` is used for `file` when the diagnostic has no location.
    package static func value(for diagnostic: Diagnostic, fallbackFile: String? = nil) -> JSONValue {
        var members = position(diagnostic.location, fallbackFile: fallbackFile)
        members["severity"] = .string(diagnostic.severity.rawValue)
        members["message"] = .string(diagnostic.message)
        members["hint"] = diagnostic.hint.map(JSONValue.string) ?? .null
        members["notes"] = .array(diagnostic.notes.map { note in
            var noteMembers = position(note.location, fallbackFile: fallbackFile)
            noteMembers["message"] = .string(note.message)
            return .object(noteMembers)
        })
        return .object(members)
    }

    private static func position(_ location: SourceLocation?, fallbackFile: String?) -> [String: JSONValue] {
        [
            "file": (location?.file ?? fallbackFile).map(JSONValue.string) ?? .null,
            "line": location.map { JSONValue.int($0.line) } ?? .null,
            "column": location.map { JSONValue.int($0.column) } ?? .null,
        ]
    }
}
