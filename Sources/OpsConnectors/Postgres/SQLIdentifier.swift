/// Identifier quoting with PostgreSQL's own `quote_ident` rules (`quote_identifier` in
/// `ruleutils.c`): a name is left bare only when it is lowercase ASCII letters, digits and
/// underscores, starts with a letter or underscore, and is not a keyword that needs quoting;
/// otherwise it is wrapped in double quotes with embedded quotes doubled. Bare names keep
/// migration files readable; the rules keep odd names (`User`, `my table`, `select`) exact.
///
/// DDL cannot take bound parameters, so this is the only way names enter SQL text.
enum SQLIdentifier {
    static func quote(_ name: String) -> String {
        needsQuotes(name) ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
    }

    /// `schema.name`, each part quoted on its own.
    static func qualified(_ schema: String, _ name: String) -> String {
        quote(schema) + "." + quote(name)
    }

    static func needsQuotes(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return true
        }
        let safe = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        return !safe || PostgresKeywords.needingQuotes.contains(name)
    }
}

/// Array input syntax (`{"a","b"}`) for binding a list of strings as one `text[]` parameter.
enum PostgresArrayLiteral {
    /// Every element quoted, `"` and `\` escaped with a backslash. Written byte by byte (both
    /// are ASCII, so UTF-8 passes through): Foundation's replacements cost 10,000 instructions a
    /// name, and the normaliser binds every declared table's name (docs/performance.md).
    static func encode(_ elements: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(elements.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
