package struct SupabaseConfig: Sendable, Equatable {
    /// When true, tables, columns and policies that exist remotely but are not declared are proposed for drop.
    package var prune: Bool
    package var tables: [SupabaseTable]
    /// Enum types; undeclared ones are not audited.
    package var enums: [SupabaseEnum]
    /// Functions; undeclared ones are not audited.
    package var functions: [SupabaseFunction] = []
    /// Nil when the file has no `storage:` key, so buckets are not audited.
    package var storage: SupabaseStorage?

    package init(
        prune: Bool = false, tables: [SupabaseTable] = [], enums: [SupabaseEnum] = [], functions: [SupabaseFunction] = [],
        storage: SupabaseStorage? = nil
    ) {
        self.functions = functions
        self.enums = enums
        self.prune = prune
        self.tables = tables
        self.storage = storage
    }
}

/// A relation's schema and name, as a key: a table's, or an index's (PostgreSQL's tables and
/// indexes share one namespace per schema). Two strings hashed rather than one put together.
package struct QualifiedTableName: Hashable, Sendable {
    package var schema: String
    package var name: String

    package init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// By the name alone: a project's tables share a schema or two, and hashing it too was a
    /// second string hashed at each of the Supabase plan's 18 look-ups a table, an eighth of
    /// its hashing (docs/performance.md). Equality still compares both.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}

package struct SupabaseTable: Sendable, Equatable {
    package static let defaultSchema = "public"

    package var schema: String
    package var name: String
    package var columns: [SupabaseColumn]
    package var indexes: [SupabaseIndex]
    /// Nil when the file does not say, so row-level security is not audited for this table.
    package var rls: Bool?
    /// `force row level security`: the table's owner is subject to its policies too. Nil
    /// when the file does not say, so it is not audited.
    package var rlsForce: Bool?
    package var rlsPolicies: [RLSPolicy]
    /// Foreign keys, check and unique constraints, by name; undeclared ones are not audited.
    package var constraints: [SupabaseConstraint]
    /// Table privileges per role (`anon`, `authenticated`, `service_role` …); roles not
    /// listed are not audited.
    package var grants: [SupabaseGrant] = []
    /// Triggers by name; undeclared ones are not audited.
    package var triggers: [SupabaseTrigger] = []
    package var location: SourceLocation?

    package init(
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
    package var qualifiedName: String { "\(schema).\(name)" }
}

package struct SupabaseColumn: Sendable, Equatable {
    package var name: String
    /// The PostgreSQL type as written (`uuid`, `text`, `timestamptz`, `numeric(10,2)`).
    package var type: String
    package var nullable: Bool
    package var primaryKey: Bool
    /// A SQL expression, used verbatim (`now()`, `0`, `'free'::text`).
    package var defaultExpression: String?
    /// The expression of a stored generated column (`generated always as (...) stored`);
    /// such a column has no default.
    package var generated: String?
    /// Set for an identity column (`generated always|by default as identity`).
    package var identity: SupabaseColumnIdentity?
    package var location: SourceLocation?

    package init(
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
package enum SupabaseColumnIdentity: String, Sendable, Hashable, CaseIterable {
    case always
    case byDefault = "by default"
}

/// A secondary index as `create index` takes it: an access method, key columns or
/// expressions each ascending or descending, `INCLUDE` columns and a partial `WHERE`.
package struct SupabaseIndex: Sendable, Equatable {
    /// The access methods PostgreSQL ships (`pg_am`).
    package enum Method: String, Sendable, Hashable, CaseIterable {
        case btree, hash, gist, spgist, gin, brin
    }

    /// A key's order as written (`order: desc`).
    package enum Order: String, Sendable, Hashable, CaseIterable {
        case asc, desc
    }

    /// One key: a column by name or an expression (SQL as written), in order.
    package struct Key: Sendable, Equatable {
        package enum Target: Sendable, Equatable {
            case column(String)
            case expression(String)
        }

        package var target: Target
        package var descending: Bool
        /// An operator class other than the type's default (`gin_trgm_ops`, `jsonb_path_ops`).
        package var operatorClass: String?

        package init(_ target: Target, descending: Bool = false, operatorClass: String? = nil) {
            self.target = target
            self.descending = descending
            self.operatorClass = operatorClass
        }

        /// The column's name, or the expression as written.
        package var text: String {
            switch target {
            case .column(let name): name
            case .expression(let expression): expression
            }
        }
    }

    package var name: String
    package var keys: [Key]
    package var unique: Bool
    package var method: Method
    /// The partial index's `WHERE` expression, as written.
    package var predicate: String?
    /// Non-key columns stored in the index (`INCLUDE`).
    package var include: [String]
    package var location: SourceLocation?

    package init(name: String, columns: [String], unique: Bool = false, location: SourceLocation? = nil) {
        self.init(name: name, keys: columns.map { Key(.column($0)) }, unique: unique, location: location)
    }

    package init(
        name: String, keys: [Key], unique: Bool = false, method: Method = .btree, predicate: String? = nil,
        include: [String] = [], location: SourceLocation? = nil
    ) {
        self.name = name
        self.keys = keys
        self.unique = unique
        self.method = method
        self.predicate = predicate
        self.include = include
        self.location = location
    }

    /// Key columns by name and expressions as written, for messages.
    package var columns: [String] { keys.map(\.text) }
}

package struct RLSPolicy: Sendable, Equatable {
    package enum Command: String, Sendable, Hashable, CaseIterable {
        case select, insert, update, delete, all
    }

    package var name: String
    package var command: Command
    package var roles: [String]
    /// The `USING` expression, which filters rows that are read, updated or deleted.
    package var using: String?
    /// The `WITH CHECK` expression, which rows that are inserted or updated must satisfy.
    package var withCheck: String?
    /// Restrictive policies must all pass, on top of at least one permissive one
    /// (`as restrictive`); policies are permissive unless the file says otherwise.
    package var restrictive: Bool
    package var location: SourceLocation?

    package init(
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

package struct SupabaseStorage: Sendable, Equatable {
    package var buckets: [StorageBucket]

    package init(buckets: [StorageBucket] = []) {
        self.buckets = buckets
    }
}

package struct StorageBucket: Sendable, Equatable {
    package var name: String
    package var isPublic: Bool
    /// In bytes; nil leaves the project's default limit.
    package var fileSizeLimit: Int?
    /// Nil allows every type.
    package var allowedMimeTypes: [String]?
    package var location: SourceLocation?

    package init(
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
package struct SupabaseConstraint: Sendable, Equatable {
    package enum Definition: Sendable, Equatable {
        case foreignKey(SupabaseForeignKey)
        /// A boolean SQL expression, used verbatim.
        case check(String)
        case unique(columns: [String])
    }

    package var name: String
    package var definition: Definition
    package var location: SourceLocation?

    package init(name: String, definition: Definition, location: SourceLocation? = nil) {
        self.name = name
        self.definition = definition
        self.location = location
    }
}

package struct SupabaseForeignKey: Sendable, Equatable {
    /// What happens to referencing rows when the referenced row is deleted.
    package enum Action: String, Sendable, Hashable, CaseIterable {
        case noAction = "no action"
        case restrict
        case cascade
        case setNull = "set null"
        case setDefault = "set default"
    }

    package var columns: [String]
    package var referencedSchema: String
    package var referencedTable: String
    package var referencedColumns: [String]
    package var onDelete: Action

    package init(columns: [String], referencedSchema: String, referencedTable: String, referencedColumns: [String], onDelete: Action = .noAction) {
        self.columns = columns
        self.referencedSchema = referencedSchema
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
    }
}

/// An enum type and its values in order (`create type ... as enum (...)`).
package struct SupabaseEnum: Sendable, Equatable {
    package var schema: String
    package var name: String
    package var values: [String]
    package var location: SourceLocation?

    package init(schema: String = SupabaseTable.defaultSchema, name: String, values: [String], location: SourceLocation? = nil) {
        self.schema = schema
        self.name = name
        self.values = values
        self.location = location
    }
}

/// The privileges one role holds on a table, exactly: missing ones are granted, extra ones
/// revoked.
package struct SupabaseGrant: Sendable, Equatable {
    package enum Privilege: String, Sendable, Hashable, CaseIterable, Comparable {
        case select, insert, update, delete, truncate, references, trigger

        package static func < (lhs: Privilege, rhs: Privilege) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package var role: String
    package var privileges: [Privilege]
    package var location: SourceLocation?

    package init(role: String, privileges: [Privilege], location: SourceLocation? = nil) {
        self.role = role
        self.privileges = privileges
        self.location = location
    }
}

/// A function as `create function` declares it. `arguments` and `returns` are SQL as written
/// (`org uuid, role text default 'viewer'`, `setof public.profiles`); the server's reading of
/// them is what is compared (docs/services/supabase.md, "Functions and triggers").
package struct SupabaseFunction: Sendable, Equatable {
    package enum Volatility: String, Sendable, Hashable, CaseIterable {
        case immutable, stable, volatile
    }

    package var schema: String
    package var name: String
    /// The argument list between the parentheses, empty for none.
    package var arguments: String
    package var returns: String
    package var language: String
    /// The body, without dollar quotes.
    package var body: String
    /// `security definer`: the function runs with its owner's rights.
    package var securityDefiner: Bool
    package var volatility: Volatility
    /// `set search_path = …` as written (`''` for an empty one); nil for none.
    package var searchPath: String?
    /// EXECUTE per role (`public` is every role); roles not listed are not audited.
    package var grants: [SupabaseFunctionGrant]
    package var location: SourceLocation?

    package init(
        schema: String = SupabaseTable.defaultSchema, name: String, arguments: String = "", returns: String, language: String = "plpgsql",
        body: String, securityDefiner: Bool = false, volatility: Volatility = .volatile, searchPath: String? = nil,
        grants: [SupabaseFunctionGrant] = [], location: SourceLocation? = nil
    ) {
        self.schema = schema
        self.name = name
        self.arguments = arguments
        self.returns = returns
        self.language = language
        self.body = body
        self.securityDefiner = securityDefiner
        self.volatility = volatility
        self.searchPath = searchPath
        self.grants = grants
        self.location = location
    }
}

/// Whether one role may call a function (`privileges: [execute]` or `[]`).
package struct SupabaseFunctionGrant: Sendable, Equatable {
    package enum Privilege: String, Sendable, Hashable, CaseIterable {
        case execute
    }

    package var role: String
    package var execute: Bool
    package var location: SourceLocation?

    package init(role: String, execute: Bool, location: SourceLocation? = nil) {
        self.role = role
        self.execute = execute
        self.location = location
    }
}

/// A trigger on a declared table, calling a function that returns `trigger`.
package struct SupabaseTrigger: Sendable, Equatable {
    package enum Timing: String, Sendable, Hashable, CaseIterable {
        case before, after
    }

    /// In the order PostgreSQL prints them.
    package enum Event: String, Sendable, Hashable, CaseIterable, Comparable {
        case insert, update, delete, truncate

        package static func < (lhs: Event, rhs: Event) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    package enum Level: String, Sendable, Hashable, CaseIterable {
        case row, statement
    }

    package var name: String
    package var timing: Timing
    /// Sorted, each once.
    package var events: [Event]
    package var level: Level
    package var functionSchema: String
    package var functionName: String
    /// The `WHEN` condition as written.
    package var when: String?
    package var location: SourceLocation?

    package init(
        name: String, timing: Timing, events: [Event], level: Level = .row, functionSchema: String = SupabaseTable.defaultSchema,
        functionName: String, when: String? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.timing = timing
        self.events = Array(Set(events)).sorted()
        self.level = level
        self.functionSchema = functionSchema
        self.functionName = functionName
        self.when = when
        self.location = location
    }
}
