import OpsCore

/// A row-level security policy. `using` and `withCheck` are in the server's normalised form
/// (`pg_get_expr`), so `auth.uid() = id` and `(auth.uid() = id)` compare equal; `roles` is
/// sorted, with `public` for a policy that applies to everyone.
struct PolicySnapshot: Sendable, Hashable {
    var name: String
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`, as `pg_policies.cmd` spells them.
    var command: String
    var roles: [String]
    var permissive: Bool
    var using: String?
    var withCheck: String?

    var json: JSONValue {
        [
            "name": .string(name),
            "command": .string(command),
            "roles": .array(roles.map(JSONValue.string)),
            "permissive": .bool(permissive),
            "using": using.map(JSONValue.string) ?? .null,
            "withCheck": withCheck.map(JSONValue.string) ?? .null,
        ]
    }

    /// What differs from `other`, in words on one line, for check messages.
    func differences(from other: PolicySnapshot) -> [String] {
        var differences: [String] = []
        if command != other.command { differences.append("command \(other.command) → \(command)") }
        if roles != other.roles { differences.append("roles \(other.roles.joined(separator: ",")) → \(roles.joined(separator: ","))") }
        if permissive != other.permissive { differences.append(permissive ? "restrictive → permissive" : "permissive → restrictive") }
        if using != other.using { differences.append("USING \(DisplayText.oneLine(other.using ?? "(none)")) → \(DisplayText.oneLine(using ?? "(none)"))") }
        if withCheck != other.withCheck { differences.append("WITH CHECK \(DisplayText.oneLine(other.withCheck ?? "(none)")) → \(DisplayText.oneLine(withCheck ?? "(none)"))") }
        return differences
    }
}
