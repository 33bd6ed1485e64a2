/// A message from the tool itself rather than about a file: `opsctl: error: unknown command 'x'`
/// followed by an optional `hint:` line. Used for usage errors and failures that have no
/// source location.
package enum ToolMessageRenderer {
    package enum Kind: String, Sendable {
        case error, warning
    }

    package static func render(_ kind: Kind, message: String, hint: String?, toolName: String = "opsctl", colour: ColourMode) -> String {
        let label = colour.apply(kind == .error ? .error : .warning, to: "\(kind.rawValue):")
        var output = "\(toolName): \(label) \(TerminalSafeText.sanitized(message))\n"
        if let hint {
            output += colour.apply(.hint, to: "hint:") + " " + TerminalSafeText.sanitized(hint) + "\n"
        }
        return output
    }
}
