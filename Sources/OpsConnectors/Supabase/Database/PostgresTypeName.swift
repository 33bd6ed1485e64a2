import Foundation

/// Type names as written in desired-state.yaml, turned into the spelling PostgreSQL's
/// `format_type` prints (`int4` → `integer`, `varchar(20)` → `character varying(20)`,
/// `timestamptz` → `timestamp with time zone`, `_int4`/`int4[]` → `integer[]`), so a
/// column typed `int4` in the file and `integer` in the database is not drift.
///
/// The planner also asks the server (a column of a temporary table) and prefers its answer;
/// this table is the fallback when that is not possible and keeps the pure diff testable.
/// Names it does not know pass through lowercased, which is what `format_type` prints for
/// extension and user types in the search path (`citext`, `vector`, enum names).
enum PostgresTypeName {
    /// Aliases whose canonical name takes the same modifier (`varchar(n)` → `character varying(n)`).
    private static let aliases: [String: String] = [
        "int": "integer", "int4": "integer", "integer": "integer",
        "int2": "smallint", "smallint": "smallint",
        "int8": "bigint", "bigint": "bigint",
        "serial": "integer", "serial4": "integer",
        "smallserial": "smallint", "serial2": "smallint",
        "bigserial": "bigint", "serial8": "bigint",
        "bool": "boolean", "boolean": "boolean",
        "float4": "real", "real": "real",
        "float8": "double precision", "float": "double precision", "double precision": "double precision",
        "varchar": "character varying", "character varying": "character varying",
        "char": "character", "character": "character", "bpchar": "character",
        "decimal": "numeric", "numeric": "numeric",
        "timestamptz": "timestamp with time zone", "timestamp with time zone": "timestamp with time zone",
        "timestamp": "timestamp without time zone", "timestamp without time zone": "timestamp without time zone",
        "timetz": "time with time zone", "time with time zone": "time with time zone",
        "time": "time without time zone", "time without time zone": "time without time zone",
        "varbit": "bit varying", "bit varying": "bit varying",
    ]

    /// Types whose precision goes in the middle: `timestamp(3) with time zone`. The third
    /// part is the zone the short name implies; nil where the written text may say either.
    private static let zonedTypes: [(written: String, base: String, impliedZone: String?)] = [
        ("timestamptz", "timestamp", " with time zone"),
        ("timetz", "time", " with time zone"),
        ("timestamp", "timestamp", nil),
        ("time", "time", nil),
    ]

    /// Serial types create a sequence and a `nextval(...)` default the file never spells out.
    static func isSerial(_ written: String) -> Bool {
        // Most columns are not: ASCII text is answered from its bytes, where splitting at
        // `Character.isWhitespace` looked up Unicode properties for every character of every
        // column (1% of a plan of 10,000 tables). Other text takes the general path.
        if let answer = written.utf8.withContiguousStorageIfAvailable(isSerialASCII), let answer { return answer }
        // A serial name is one word, so splitting off white space is all of `collapse` it can
        // need; `collapse`'s four Foundation replacements cost 40,000 instructions a column.
        let words = written.split(whereSeparator: \.isWhitespace)
        return words.count == 1 && serialNames.contains(words[0].lowercased())
    }

    /// `isSerial` for text of ASCII bytes only; nil for any other.
    private static func isSerialASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        // The ASCII characters `Character.isWhitespace` holds: tab, line feed, vertical tab,
        // form feed, carriage return, space.
        func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }), let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return false }
        let word = bytes[first...last]
        // "smallserial", the longest serial name, has 11 bytes.
        guard word.count <= 11, !word.contains(where: isWhitespace) else { return false }
        let lowered = word.map { $0.isASCIILetter ? $0 | 0x20 : $0 }
        return serialNames.contains(String(decoding: lowered, as: UTF8.self))
    }

    private static let serialNames: Set<String> = ["serial", "serial4", "smallserial", "serial2", "bigserial", "serial8"]

    static func normalise(_ written: String) -> String {
        var text = collapse(written).lowercased()
        var arraySuffix = ""
        while text.hasSuffix("[]") {
            text = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces)
            arraySuffix += "[]"
        }
        if text.hasPrefix("_"), text.count > 1, arraySuffix.isEmpty {
            // `_int4` is the catalog name of `int4[]`.
            text = String(text.dropFirst())
            arraySuffix = "[]"
        }
        return canonicalBase(text) + arraySuffix
    }

    private static func canonicalBase(_ text: String) -> String {
        // `timestamp(3) with time zone` and `timestamptz(3)` both become the former.
        if let zoned = zonedForm(text) { return zoned }
        var base = text
        var modifier = ""
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            base = text[..<open].trimmingCharacters(in: .whitespaces)
            modifier = "(" + text[text.index(after: open)..<text.index(before: text.endIndex)]
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",") + ")"
        }
        if let canonical = aliases[base] {
            // `char` without a length is `character(1)`, which format_type prints in full.
            if canonical == "character", modifier.isEmpty { return "character(1)" }
            return canonical + modifier
        }
        return base + modifier
    }

    private static func zonedForm(_ text: String) -> String? {
        for type in zonedTypes where text.hasPrefix(type.written + "(") {
            guard let close = text.firstIndex(of: ")") else { return nil }
            let precision = text[text.index(text.startIndex, offsetBy: type.written.count + 1)..<close]
                .trimmingCharacters(in: .whitespaces)
            let rest = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
            let zone: String
            switch (rest, type.impliedZone) {
            case ("", let implied): zone = implied ?? " without time zone"
            case ("with time zone", nil): zone = " with time zone"
            case ("without time zone", nil): zone = " without time zone"
            default: return nil
            }
            return "\(type.base)(\(precision))\(zone)"
        }
        return nil
    }

    /// Runs of white space become one space, and none is kept around brackets.
    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: " (", with: "(").replacingOccurrences(of: "( ", with: "(")
            .replacingOccurrences(of: " )", with: ")").replacingOccurrences(of: " [", with: "[")
    }
}
