/// Writes `JSONValue`s. The canonical form is the one hashes are taken over (RFC 8785 style):
/// object keys sorted by UTF-16 code units, no insignificant white space, minimal escapes,
/// `/` and non-ASCII left as they are.
package enum JSONWriter {
    package static func canonical(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: nil, level: 0)
        return output
    }

    package static func canonicalBytes(_ value: JSONValue) -> [UInt8] {
        Array(canonical(value).utf8)
    }

    /// Human-readable JSON with two-space indentation and the same key order as the canonical form.
    package static func pretty(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: "  ", level: 0)
        return output
    }

    /// Sorts keys by their UTF-16 code units, as RFC 8785 requires (Swift's `<` on String
    /// compares Unicode scalars, which orders non-BMP characters differently).
    package static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: String?, level: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                write(item, into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (index, key) in sortedKeys(members).enumerated() {
                if index > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                write(members[key]!, into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        output += "\n"
        for _ in 0..<level { output += indent }
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{09}": output += "\\t"
            case "\u{0A}": output += "\\n"
            case "\u{0C}": output += "\\f"
            case "\u{0D}": output += "\\r"
            default:
                if scalar.value < 0x20 {
                    output += "\\u00"
                    output.unicodeScalars.append(hexDigits[Int(scalar.value >> 4)])
                    output.unicodeScalars.append(hexDigits[Int(scalar.value & 0xF)])
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
