/// A selector for change kinds in policy rules: `scope.resource.action`, `scope.resource.*`,
/// `scope.*` or `*`. A wildcard may only stand for everything after the named parts.
package struct ChangeKindPattern: Sendable, Hashable, CustomStringConvertible {
    /// The named parts before any wildcard: three for an exact kind, none for `*`.
    package let parts: [String]

    package init?(_ text: String) {
        guard case .success(let pattern) = Self.parse(text) else { return nil }
        self = pattern
    }

    private init(parts: [String]) {
        self.parts = parts
    }

    package var isExact: Bool { parts.count == 3 }
    package var scope: String? { parts.first }

    /// Exact kinds rank 3, `scope.resource.*` 2, `scope.*` 1 and `*` 0; the highest match wins.
    package var specificity: Int { parts.count }

    /// Whether `kind` falls under this pattern. Only the first three parts count, so a change ID
    /// (`github.label.create.security`) matches like its kind.
    package func matches(kind: String) -> Bool {
        let kindParts = kind.split(separator: ".", omittingEmptySubsequences: false).prefix(3)
        if isExact { return kindParts.count == 3 && zip(parts, kindParts).allSatisfy { $0 == $1 } }
        return kindParts.count > parts.count && zip(parts, kindParts).allSatisfy { $0 == $1 }
    }

    package var description: String {
        isExact ? parts.joined(separator: ".") : (parts + ["*"]).joined(separator: ".")
    }

    static func parse(_ text: String) -> Result<ChangeKindPattern, FormatProblem> {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let example = "write scope.resource.action, scope.resource.*, scope.* or *, as in github.label.create"
        if segments.count > 3 {
            return .failure(FormatProblem("has more than three parts; a change kind is scope.resource.action", hint: example))
        }
        if segments.contains(where: \.isEmpty) {
            return .failure(FormatProblem("has an empty part between dots", hint: example))
        }
        for (index, segment) in segments.enumerated() where segment.contains("*") {
            guard segment == "*" else {
                return .failure(FormatProblem("may use '*' only as a whole part, found '\(segment)'", hint: example))
            }
            guard index == segments.count - 1 else {
                return .failure(FormatProblem("may use '*' only as the last part", hint: example))
            }
        }
        let named = segments.last == "*" ? Array(segments.dropLast()) : segments
        if segments.last != "*", segments.count < 3 {
            return .failure(FormatProblem(
                "names only part of a change kind",
                hint: "add '.*' to match every kind under it, as in \(text).*"
            ))
        }
        for segment in named where !isKindWord(segment) {
            return .failure(FormatProblem(
                "has the part '\(segment)', which is not a lowercase word of letters, digits and '_'",
                hint: example
            ))
        }
        return .success(ChangeKindPattern(parts: named))
    }

    private static func isKindWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
