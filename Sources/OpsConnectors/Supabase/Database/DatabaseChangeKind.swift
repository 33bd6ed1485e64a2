import OpsCore

/// The kinds of database change, in the order a migration must run them: create enum types
/// and add their values (columns use them), create tables,
/// add and alter columns, create or replace functions (index expressions, policies and
/// triggers call them; a body may use the tables and columns before it), build indexes, add
/// constraints (a foreign key needs the referenced table and its key; a replaced constraint is
/// dropped and added in its own step), switch row-level security, write policies, create
/// triggers, grant; drops last, policies and constraints before indexes before columns before
/// tables, so nothing is dropped while something that depends on it still exists.
enum DatabaseChangeKind: String, ChangeKind, Comparable {
    case enumCreate = "enum.create"
    case enumAddValue = "enum.add_value"
    case tableCreate = "table.create"
    case columnAdd = "column.add"
    case columnAlter = "column.alter"
    case functionCreate = "function.create"
    case functionReplace = "function.replace"
    case indexCreate = "index.create"
    case indexReplace = "index.replace"
    case constraintCreate = "constraint.create"
    case constraintReplace = "constraint.replace"
    case rlsEnable = "rls.enable"
    case rlsDisable = "rls.disable"
    case rlsForce = "rls.force"
    case rlsNoForce = "rls.no_force"
    case policyCreate = "policy.create"
    case policyReplace = "policy.replace"
    case triggerCreate = "trigger.create"
    case triggerReplace = "trigger.replace"
    case grantUpdate = "grant.update"
    case functionGrantUpdate = "function_grant.update"
    case policyDrop = "policy.drop"
    case constraintDrop = "constraint.drop"
    case indexDrop = "index.drop"
    case columnDrop = "column.drop"
    case tableDrop = "table.drop"

    static let scope = ServiceScope.supabase

    /// Position in a migration; lower runs first.
    var phase: Int { Self.allCases.firstIndex(of: self)! }

    /// Schema changes are high risk, drops critical. Switching row-level security off
    /// is critical too: it exposes every row to every role that has table privileges.
    var risk: Risk {
        switch self {
        case .tableDrop, .columnDrop, .policyDrop, .constraintDrop, .indexDrop, .rlsDisable, .rlsNoForce: .critical
        default: .high
        }
    }

    /// Each part as a slug, so a policy named `read own profile` gives an ID a user can type.
    func id(_ nameParts: [String]) -> ChangeID {
        id(name: nameParts.map(ChangeID.slug).joined(separator: "."))
    }

    static func < (lhs: DatabaseChangeKind, rhs: DatabaseChangeKind) -> Bool { lhs.phase < rhs.phase }
}

/// The hazards database changes carry; defined in OpsCore because policy rules select on them.
typealias DatabaseHazard = ChangeHazard

/// What running a database change needs, decoded from the plan once: the object it is
/// about (to re-read it) and its statements.
struct DatabaseChange: ChangePayload, Equatable {
    var kind: DatabaseChangeKind
    var object: DatabaseObject
    var statements: [String]
    /// For an index build on an existing table: the same change with `CONCURRENTLY`, run
    /// after the migration's transaction commits, one statement at a time, when
    /// change-policy.yaml says `concurrentIndexBuilds: true` (`MigrationScript`).
    var concurrentStatements: [String]?

    init(kind: DatabaseChangeKind, object: DatabaseObject, statements: [String], concurrentStatements: [String]? = nil) {
        self.kind = kind
        self.object = object
        self.statements = statements
        self.concurrentStatements = concurrentStatements
    }

    init(change: Change) throws(ChangePayloadError) {
        let payload = PayloadReader(change)
        kind = try DatabaseChangeKind.of(change)
        guard let object = DatabaseObject(payload: try payload.member("object").json) else {
            throw payload.error("payload.object does not name a database object")
        }
        self.object = object
        statements = try payload.strings("sql")
        guard !statements.isEmpty, statements.allSatisfy({ !$0.trimmingWhitespace.isEmpty }) else {
            throw payload.error("payload.sql carries no SQL")
        }
        if let concurrent = try payload.optionalMember("sqlConcurrently") {
            let statements = try concurrent.strings()
            guard !statements.isEmpty, statements.allSatisfy({ !$0.trimmingWhitespace.isEmpty }) else {
                throw payload.error("payload.sqlConcurrently carries no SQL")
            }
            concurrentStatements = statements
        }
    }

    var payload: JSONValue {
        var members: [String: JSONValue] = ["object": object.payload, "sql": .array(statements.map(JSONValue.string))]
        if let concurrentStatements { members["sqlConcurrently"] = .array(concurrentStatements.map(JSONValue.string)) }
        return .object(members)
    }
}
