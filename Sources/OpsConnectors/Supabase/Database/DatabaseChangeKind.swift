import OpsCore

/// The kinds of database change, in the order a migration must run them: create tables,
/// add and alter columns, build indexes, switch row-level security, write policies; drops
/// last, policies before columns before tables, so nothing is dropped while something
/// that depends on it still exists.
enum DatabaseChangeKind: String, Sendable, CaseIterable, Comparable {
    case tableCreate = "table.create"
    case columnAdd = "column.add"
    case columnAlter = "column.alter"
    case indexCreate = "index.create"
    case rlsEnable = "rls.enable"
    case rlsDisable = "rls.disable"
    case policyCreate = "policy.create"
    case policyReplace = "policy.replace"
    case policyDrop = "policy.drop"
    case columnDrop = "column.drop"
    case tableDrop = "table.drop"

    init?(_ id: ChangeID) {
        guard id.scope == ServiceScope.supabase.rawValue else { return nil }
        self.init(rawValue: "\(id.resource).\(id.action)")
    }

    var resource: String { String(rawValue.split(separator: ".")[0]) }
    var action: String { String(rawValue.split(separator: ".")[1]) }

    /// Position in a migration; lower runs first.
    var phase: Int { Self.allCases.firstIndex(of: self)! }

    /// Schema changes are high, drops critical (docs/services/supabase.md, "Changes"). Switching
    /// row-level security off is critical too: it exposes every row to every role that has table
    /// privileges.
    var risk: Risk {
        switch self {
        case .tableDrop, .columnDrop, .policyDrop, .rlsDisable: .critical
        default: .high
        }
    }

    func id(_ nameParts: [String]) -> ChangeID {
        ChangeID(scope: ServiceScope.supabase.rawValue, resource: resource, action: action, name: nameParts.joined(separator: "."))
    }

    static func < (lhs: DatabaseChangeKind, rhs: DatabaseChangeKind) -> Bool { lhs.phase < rhs.phase }
}

/// The hazards database changes carry; defined in OpsCore because policy rules select on them.
typealias DatabaseHazard = ChangeHazard
