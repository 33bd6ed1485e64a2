import OpsCore

/// A list attribute whose elements are named objects (a table's columns, indexes, policies)
/// shows one line per element, `+ column id uuid not null primary key`, instead of one JSON
/// line nobody can read. Elements added or removed get `+`/`-`; one changed gets `~`.
struct NamedElements {
    struct Line {
        var kind: AttributeDiff.Kind
        var text: String
    }

    var lines: [Line]

    /// Nil unless both sides are lists (or absent) of objects that all have a `name`.
    static func of(_ diff: AttributeDiff) -> NamedElements? {
        guard let before = elements(diff.before), let after = elements(diff.after), !(before.isEmpty && after.isEmpty) else {
            return nil
        }
        let noun = singular(diff.path.split(separator: ".").last.map(String.init) ?? diff.path)
        let old = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Line] = []
        for element in after {
            if let previous = old[element.name] {
                if previous != element { lines.append(Line(kind: .changed, text: "~ \(noun) \(phrase(previous)) → \(phrase(element))")) }
            } else {
                lines.append(Line(kind: .added, text: "+ \(noun) \(phrase(element))"))
            }
        }
        for element in before where new[element.name] == nil {
            lines.append(Line(kind: .removed, text: "- \(noun) \(phrase(element))"))
        }
        return NamedElements(lines: lines)
    }

    private struct Element: Equatable {
        var name: String
        var members: [String: JSONValue]
    }

    private static func elements(_ value: JSONValue?) -> [Element]? {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else { return nil }
        var elements: [Element] = []
        for item in items {
            guard case .object(let members) = item, case .string(let name)? = members["name"] else { return nil }
            elements.append(Element(name: name, members: members))
        }
        return elements
    }

    /// `id uuid default gen_random_uuid() not null primary key`: the name and type, then each
    /// other member in key order as words, SQL-like where the member says what it is.
    private static func phrase(_ element: Element) -> String {
        var words = [TerminalSafeText.sanitized(element.name)]
        for key in JSONWriter.sortedKeys(element.members) where key != "name" {
            guard let value = element.members[key] else { continue }
            switch (key, value) {
            case (_, .null): continue
            case ("type", .string(let type)): words.insert(TerminalSafeText.sanitized(type), at: 1)
            case ("nullable", .bool(let nullable)): if !nullable { words.append("not null") }
            case ("primaryKey", .bool(let primary)): if primary { words.append("primary key") }
            case ("unique", .bool(let unique)): if unique { words.append("unique") }
            case (_, .bool(let flag)): if flag { words.append(key) }
            case (_, .string(let text)): words.append("\(key) \(TerminalSafeText.sanitized(text))")
            default: words.append("\(key) \(PlanTextRenderer.value(value))")
            }
        }
        return words.joined(separator: " ")
    }

    private static func singular(_ noun: String) -> String {
        if noun.hasSuffix("ies") { return String(noun.dropLast(3)) + "y" }
        if noun.hasSuffix("xes") || noun.hasSuffix("ses") { return String(noun.dropLast(2)) }
        if noun.hasSuffix("s") { return String(noun.dropLast()) }
        return noun
    }
}
