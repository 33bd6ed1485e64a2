/// `scope.resource.action.name`: the same drift gives the same ID on every run.
/// The name may itself contain dots (`supabase.table.create.public.profiles`).
package struct ChangeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let scope: ServiceScope
    package let resource: String
    package let action: String
    package let name: String

    package init(scope: ServiceScope, resource: String, action: String, name: String) {
        self.scope = scope
        self.resource = resource
        self.action = action
        self.name = name
    }

    /// Parses an ID typed by a user or read from a plan; nil unless it has four non-empty
    /// parts and its scope is one opsctl knows. IDs written by earlier versions (with spaces
    /// in a name) still parse, so their plan files stay readable.
    package init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty }), let scope = ServiceScope(rawValue: String(parts[0]))
        else { return nil }
        self.init(scope: scope, resource: String(parts[1]), action: String(parts[2]), name: String(parts[3]))
    }

    /// The first three parts, which policy rules select on.
    package var kind: String { "\(scope.rawValue).\(resource).\(action)" }

    package var description: String { "\(kind).\(name)" }

    package var effect: ChangeEffect { ChangeEffect(action: action) }

    /// Deletions and drops always need a human, whatever the policy says.
    package var isDestructive: Bool { effect == .remove }

    package static func < (lhs: ChangeID, rhs: ChangeID) -> Bool { lhs.description < rhs.description }

    /// A name part a user can type without quotes: runs of anything but letters, digits,
    /// `_`, `-` and `.` become one `-` (`read own profile` → `read-own-profile`). The real
    /// name stays in the change's description.
    package static func slug(_ name: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in name.unicodeScalars {
            let keep = (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_-.".unicodeScalars.contains(scalar))
                && !scalar.properties.isWhitespace
            if keep {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "unnamed" : slug
    }
}
