public struct SupabaseConfig: Sendable, Equatable {
    /// When true, tables, columns and policies that exist remotely but are not declared are proposed for drop.
    public var prune: Bool
    public var tables: [SupabaseTable]
    /// Enum types; undeclared ones are not audited.
    public var enums: [SupabaseEnum]
    /// Nil when the file has no `storage:` key, so buckets are not audited.
    public var storage: SupabaseStorage?

    public init(prune: Bool = false, tables: [SupabaseTable] = [], enums: [SupabaseEnum] = [], storage: SupabaseStorage? = nil) {
        self.enums = enums
        self.prune = prune
        self.tables = tables
        self.storage = storage
    }
}

public struct SupabaseTable: Sendable, Equatable {
    public static let defaultSchema = "public"

    public var schema: String
    public var name: String
    public var columns: [SupabaseColumn]
    public var indexes: [SupabaseIndex]
    /// Nil when the file does not say, so row-level security is not audited for this table.
    public var rls: Bool?
    /// `force row level security`: the table's owner is subject to its policies too. Nil
    /// when the file does not say, so it is not audited.
    public var rlsForce: Bool?
    public var rlsPolicies: [RLSPolicy]
    /// Foreign keys, check and unique constraints, by name; undeclared ones are not audited.
    public var constraints: [SupabaseConstraint]
    /// Table privileges per role (`anon`, `authenticated`, `service_role` …); roles not
    /// listed are not audited.
    public var grants: [SupabaseGrant] = []
    public var location: SourceLocation?

    public init(
        schema: String = SupabaseTable.defaultSchema,
        name: String,
        columns: [SupabaseColumn] = [],
        indexes: [SupabaseIndex] = [],
        rls: Bool? = nil,
        rlsForce: Bool? = nil,
        rlsPolicies: [RLSPolicy] = [],
        constraints: [SupabaseConstraint] = [],
        location: SourceLocation? = nil
    ) {
        self.rlsForce = rlsForce
        self.constraints = constraints
        self.schema = schema
        self.name = name
        self.columns = columns
        self.indexes = indexes
        self.rls = rls
        self.rlsPolicies = rlsPolicies
        self.location = location
    }

    /// `schema.table`, as change IDs and SQL name it.
    public var qualifiedName: String { "\(schema).\(name)" }
}

public struct SupabaseColumn: Sendable, Equatable {
    public var name: String
    /// The PostgreSQL type as written (`uuid`, `text`, `timestamptz`, `numeric(10,2)`).
    public var type: String
    public var nullable: Bool
    public var primaryKey: Bool
    /// A SQL expression, used verbatim (`now()`, `0`, `'free'::text`).
    public var defaultExpression: String?
    /// The expression of a stored generated column (`generated always as (...) stored`);
    /// such a column has no default.
    public var generated: String?
    /// Set for an identity column (`generated always|by default as identity`).
    public var identity: SupabaseColumnIdentity?
    public var location: SourceLocation?

    public init(
        name: String,
        type: String,
        nullable: Bool = true,
        primaryKey: Bool = false,
        defaultExpression: String? = nil,
        generated: String? = nil,
        identity: SupabaseColumnIdentity? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.primaryKey = primaryKey
        self.defaultExpression = defaultExpression
        self.generated = generated
        self.identity = identity
        self.location = location
    }
}

/// How an identity column takes its values: `always` refuses explicit values unless
/// `overriding system value` is given, `by default` accepts them.
public enum SupabaseColumnIdentity: String, Sendable, Hashable, CaseIterable {
    case always
    case byDefault = "by default"
}

public struct SupabaseIndex: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var unique: Bool
    public var location: SourceLocation?

    public init(name: String, columns: [String], unique: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.columns = columns
        self.unique = unique
        self.location = location
    }
}

public struct RLSPolicy: Sendable, Equatable {
    public enum Command: String, Sendable, Hashable, CaseIterable {
        case select, insert, update, delete, all
    }

    public var name: String
    public var command: Command
    public var roles: [String]
    /// The `USING` expression, which filters rows that are read, updated or deleted.
    public var using: String?
    /// The `WITH CHECK` expression, which rows that are inserted or updated must satisfy.
    public var withCheck: String?
    /// Restrictive policies must all pass, on top of at least one permissive one
    /// (`as restrictive`); policies are permissive unless the file says otherwise.
    public var restrictive: Bool
    public var location: SourceLocation?

    public init(
        name: String,
        command: Command = .all,
        roles: [String] = ["public"],
        using: String? = nil,
        withCheck: String? = nil,
        restrictive: Bool = false,
        location: SourceLocation? = nil
    ) {
        self.restrictive = restrictive
        self.name = name
        self.command = command
        self.roles = roles
        self.using = using
        self.withCheck = withCheck
        self.location = location
    }
}

public struct SupabaseStorage: Sendable, Equatable {
    public var buckets: [StorageBucket]

    public init(buckets: [StorageBucket] = []) {
        self.buckets = buckets
    }
}

public struct StorageBucket: Sendable, Equatable {
    public var name: String
    public var isPublic: Bool
    /// In bytes; nil leaves the project's default limit.
    public var fileSizeLimit: Int?
    /// Nil allows every type.
    public var allowedMimeTypes: [String]?
    public var location: SourceLocation?

    public init(
        name: String,
        isPublic: Bool = false,
        fileSizeLimit: Int? = nil,
        allowedMimeTypes: [String]? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.isPublic = isPublic
        self.fileSizeLimit = fileSizeLimit
        self.allowedMimeTypes = allowedMimeTypes
        self.location = location
    }
}

/// A named table constraint other than the primary key: a foreign key, a check or a unique
/// constraint (which, unlike a unique index, other tables' foreign keys can reference).
public struct SupabaseConstraint: Sendable, Equatable {
    public enum Definition: Sendable, Equatable {
        case foreignKey(SupabaseForeignKey)
        /// A boolean SQL expression, used verbatim.
        case check(String)
        case unique(columns: [String])
    }

    public var name: String
    public var definition: Definition
    public var location: SourceLocation?

    public init(name: String, definition: Definition, location: SourceLocation? = nil) {
        self.name = name
        self.definition = definition
        self.location = location
    }
}

public struct SupabaseForeignKey: Sendable, Equatable {
    /// What happens to referencing rows when the referenced row is deleted.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case noAction = "no action"
        case restrict
        case cascade
        case setNull = "set null"
        case setDefault = "set default"
    }

    public var columns: [String]
    public var referencedSchema: String
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onDelete: Action

    public init(columns: [String], referencedSchema: String, referencedTable: String, referencedColumns: [String], onDelete: Action = .noAction) {
        self.columns = columns
        self.referencedSchema = referencedSchema
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
    }
}

/// An enum type and its values in order (`create type ... as enum (...)`).
public struct SupabaseEnum: Sendable, Equatable {
    public var schema: String
    public var name: String
    public var values: [String]
    public var location: SourceLocation?

    public init(schema: String = SupabaseTable.defaultSchema, name: String, values: [String], location: SourceLocation? = nil) {
        self.schema = schema
        self.name = name
        self.values = values
        self.location = location
    }
}

/// The privileges one role holds on a table, exactly: missing ones are granted, extra ones
/// revoked.
public struct SupabaseGrant: Sendable, Equatable {
    public enum Privilege: String, Sendable, Hashable, CaseIterable, Comparable {
        case select, insert, update, delete, truncate, references, trigger

        public static func < (lhs: Privilege, rhs: Privilege) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var role: String
    public var privileges: [Privilege]
    public var location: SourceLocation?

    public init(role: String, privileges: [Privilege], location: SourceLocation? = nil) {
        self.role = role
        self.privileges = privileges
        self.location = location
    }
}
