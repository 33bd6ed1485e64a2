import OpsCore

/// A function as the server prints it. `definition` is `pg_get_functiondef` with the body
/// it quotes verbatim (`prosrc`) replaced by `FunctionBody.canonical` of it, so indentation
/// and surrounding blank lines (which YAML block scalars change) are no drift, while a body
/// the server parses (`begin atomic`) stays in its normalised form. A desired function is
/// created in `pg_temp` and read back with the same query, its name put back in the first
/// line; both sides then compare by `definition`.
struct FunctionSnapshot: Sendable, Hashable {
    var schema: String
    var name: String
    /// `pg_get_function_identity_arguments`: what tells overloads apart and what `GRANT`
    /// and `DROP` name the function by.
    var identityArguments: String
    /// `pg_get_function_arguments`, with names and defaults.
    var arguments: String
    var result: String
    var language: String
    var securityDefiner: Bool
    var volatility: String
    /// `proconfig`: `search_path=""` and other `SET` clauses.
    var config: [String]
    var definition: String
    /// Roles that may call it (`public` for PUBLIC), sorted.
    var executors: [String] = []

    var signature: String { "\(schema).\(name)(\(identityArguments))" }

    /// The name parts of its change IDs: overloads differ by their arguments, which a
    /// function without any leaves out (`supabase.function.replace.public.touch_updated_at`,
    /// `supabase.function.replace.public.is_member_of.org-uuid`).
    var idParts: [String] { [schema, name] + (identityArguments.isEmpty ? [] : [identityArguments]) }

    var json: JSONValue {
        [
            "schema": .string(schema),
            "name": .string(name),
            "arguments": .string(arguments),
            "returns": .string(result),
            "language": .string(language),
            "securityDefiner": .bool(securityDefiner),
            "volatility": .string(volatility),
            "config": .array(config.map(JSONValue.string)),
            "definition": .string(definition),
        ]
    }

    /// What differs from `other` (the current function), in words on one line.
    func differences(from other: FunctionSnapshot) -> [String] {
        var differences: [String] = []
        if arguments != other.arguments { differences.append("arguments (\(other.arguments)) → (\(arguments))") }
        if result != other.result { differences.append("returns \(other.result) → \(result)") }
        if language != other.language { differences.append("language \(other.language) → \(language)") }
        if securityDefiner != other.securityDefiner {
            differences.append(securityDefiner ? "security invoker → definer" : "security definer → invoker")
        }
        if volatility != other.volatility { differences.append("\(other.volatility) → \(volatility)") }
        if config != other.config {
            differences.append("settings [\(other.config.joined(separator: ", "))] → [\(config.joined(separator: ", "))]")
        }
        if differences.isEmpty, definition != other.definition { differences.append("body differs") }
        return differences
    }

    /// `definition` with `source`, the body as stored, in canonical form, and the header's
    /// name replaced by `realName` when given (the normaliser's copy lives in `pg_temp`).
    static func normalisedDefinition(_ definition: String, source: String?, realName: String? = nil) -> String {
        var text = definition
        // The server prints a temporary function's schema as `pg_temp`, not by its real name.
        if let realName, let name = text.range(of: "FUNCTION "), let open = text[name.upperBound...].firstIndex(of: "(") {
            text.replaceSubrange(name.upperBound..<open, with: realName)
        }
        if let source, !source.isEmpty, let range = text.range(of: source, options: .backwards) {
            text.replaceSubrange(range, with: "\n" + FunctionBody.canonical(source) + "\n")
        }
        return text
    }
}

/// A function body in a form that ignores what does not change its meaning in practice:
/// trailing white space, blank lines before and after, and indentation common to every line.
enum FunctionBody {
    /// A `language sql` body in the SQL-standard form, which goes unquoted after the header.
    static func isSQLStandard(_ body: String, language: String) -> Bool {
        guard language.lowercased() == "sql" else { return false }
        let words = body.lowercased().split(whereSeparator: { $0.isWhitespace }).prefix(2)
        return words.first == "return" || Array(words) == ["begin", "atomic"]
    }

    static func canonical(_ body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indents = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(common)) }.joined(separator: "\n")
    }
}
