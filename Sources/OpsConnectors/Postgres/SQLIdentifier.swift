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
    static func encode(_ elements: [String]) -> String {
        "{" + elements.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
