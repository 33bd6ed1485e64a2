/// Why bytes are not a JSON document opsctl accepts, with the place it stopped reading:
/// a byte offset (for tools) and a 1-based line:column (for people).
package struct JSONParseError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case unexpectedEnd(expected: String)
        /// `found` is a printable rendering of the offending byte or character.
        case unexpectedCharacter(found: String, expected: String)
        case nonIntegerNumber
        case leadingZero
        case integerOutOfRange
        case duplicateKey(String)
        /// Two keys of one object with different code units that Swift's `String` compares
        /// equal (canonically equivalent Unicode): opsctl cannot keep them apart.
        case canonicallyEquivalentKeys(String, String)
        case invalidUTF8
        case loneSurrogate(String)
        case controlCharacterInString(UInt8)
        case invalidEscape(String)
        case trailingContent
        case nestingTooDeep(limit: Int)
        case byteOrderMark
    }

    package var reason: Reason
    package var byteOffset: Int
    package var line: Int
    package var column: Int
    /// The file or stream the bytes came from, when the caller knows it.
    package var sourceName: String?

    package init(reason: Reason, byteOffset: Int, line: Int, column: Int, sourceName: String? = nil) {
        self.reason = reason
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.sourceName = sourceName
    }

    /// What is wrong, without the position.
    package var problem: String {
        switch reason {
        case .unexpectedEnd(let expected): "the input ends where \(expected) was expected"
        case .unexpectedCharacter(let found, let expected): "found \(found) where \(expected) was expected"
        case .nonIntegerNumber: "numbers must be integers"
        case .leadingZero: "an integer must not start with a zero"
        case .integerOutOfRange: "the integer does not fit in 64 bits"
        case .duplicateKey(let key): "the key \"\(key)\" appears twice in one object"
        case .canonicallyEquivalentKeys(let first, let second):
            "the keys \"\(JSONParseError.escapedKey(first))\" and \"\(JSONParseError.escapedKey(second))\" of one object are "
                + "different in JSON but the same text in Unicode (canonically equivalent), so opsctl cannot tell them apart"
        case .invalidUTF8: "the text is not valid UTF-8"
        case .loneSurrogate(let escape): "\(escape) is half of a surrogate pair without its other half"
        case .controlCharacterInString(let byte):
            "a string contains the raw control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(to: 4))"
        case .invalidEscape(let escape): "\(escape) is not a JSON escape"
        case .trailingContent: "there is more after the end of the JSON value"
        case .nestingTooDeep(let limit): "arrays and objects nest deeper than \(limit) levels"
        case .byteOrderMark: "the text starts with a byte order mark"
        }
    }

    /// One sentence: where, then what.
    package var message: String {
        let place = sourceName.map { "\($0):\(line):\(column)" } ?? "line \(line), column \(column)"
        return "invalid JSON at \(place) (byte \(byteOffset)): \(problem)"
    }

    package var hint: String? {
        switch reason {
        case .nonIntegerNumber: "write whole numbers only; opsctl formats never contain fractions or exponents"
        case .duplicateKey: "keep one of the two members"
        case .canonicallyEquivalentKeys: "opsctl never writes such a pair; keep one of the two members"
        case .controlCharacterInString: "escape it, e.g. \\n or \\u001f"
        case .invalidUTF8, .byteOrderMark: "save the file as UTF-8 without a byte order mark"
        case .trailingContent: "a document holds exactly one JSON value"
        default: nil
        }
    }

    package var diagnostic: Diagnostic {
        Diagnostic(
            message: "invalid JSON (byte \(byteOffset)): \(problem)",
            location: SourceLocation(file: sourceName ?? "<json>", line: line, column: column),
            hint: hint
        )
    }
}

extension JSONParseError {
    /// A key spelled so that two canonically equivalent spellings read differently: every
    /// scalar beyond ASCII, and every control character, as `\u` escapes.
    static func escapedKey(_ key: String) -> String {
        var text = ""
        for scalar in key.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                if scalar == "\"" || scalar == "\\" { text.append("\\") }
                text.unicodeScalars.append(scalar)
            } else if scalar.value <= 0xFFFF {
                text += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            } else {
                // JSON spells characters beyond the Basic Multilingual Plane as a surrogate pair.
                let offset = scalar.value - 0x10000
                text += "\\u" + String(0xD800 + (offset >> 10), radix: 16)
                text += "\\u" + String(0xDC00 + (offset & 0x3FF), radix: 16)
            }
        }
        return text
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
