import OpsCore

/// How a command shows its result, chosen once from its flags: text for a person (coloured
/// or not) or one JSON document for a program.
package enum ViewFormat: Sendable, Equatable {
    case human(ColourMode)
    case json

    package init(json: Bool, colour: ColourMode) {
        self = json ? .json : .human(colour)
    }
}

/// Every `--json` document carries `formatVersion`. Within 1.x fields are only added, never
/// renamed or removed, so a reader that ignores unknown fields keeps working
/// (docs/formats.md, "JSON output").
package enum JSONDocument {
    package static let formatVersion = "1.0"

    package static func text(_ members: [String: JSONValue]) -> String {
        var members = members
        members["formatVersion"] = .string(formatVersion)
        return JSONWriter.pretty(.object(members)) + "\n"
    }
}
