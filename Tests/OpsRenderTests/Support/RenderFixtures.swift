@testable import OpsCore

/// Values for the renderer snapshots, built directly and with fixed dates, versions and
/// digests, so the same input renders the same bytes on every run and machine. Their shapes
/// follow what the connectors produce (see `GitHubReconciler`, `VercelEnvReconciler`,
/// `SchemaDiff` and `Planner`), so a snapshot shows what a user would really see.
enum RenderFixtures {
    static let createdAt = "2026-11-22T10:00:00Z"
    static let planner = "alice@example.com"

    /// A real `sha256:` digest of a fixed word: the right length and alphabet, stable forever.
    static func digest(_ seed: String) -> String {
        PlanDigest.of(JSONValue.string(seed))
    }

    /// What connectors record as `observed` for an object that does not exist yet.
    static let absent = PlanDigest.of(JSONValue.null)

    /// A bare 64-hex-digit hash, as receipts and heads carry them.
    static func hash(_ seed: String) -> String {
        String(digest(seed).dropFirst("sha256:".count))
    }

    static func id(_ text: String) -> ChangeID {
        guard let id = ChangeID(text) else { preconditionFailure("fixture change ID \(text) does not parse") }
        return id
    }

    // MARK: Changes

    static func column(_ name: String, _ type: String, nullable: Bool, default value: String? = nil, primaryKey: Bool = false) -> JSONValue {
        ["name": .string(name), "type": .string(type), "nullable": .bool(nullable), "default": value.map(JSONValue.string) ?? .null, "primaryKey": .bool(primaryKey)]
    }

    static let tableCreate = Change(
        id: id("supabase.table.create.public.profiles"),
        description: "create the table public.profiles (3 columns)",
        risk: .high,
        before: .null,
        after: [
            "schema": "public",
            "name": "profiles",
            "columns": [
                column("id", "uuid", nullable: false, primaryKey: true),
                column("created_at", "timestamp with time zone", nullable: false, default: "now()"),
                column("display_name", "text", nullable: true),
            ],
        ],
        observed: absent,
        payload: ["statements": ["CREATE TABLE public.profiles (...)"]],
        source: SourceLocation(file: "desired-state.yaml", line: 4, column: 7),
        requiresApproval: true,
        approvers: ["dba"]
    )

    static let columnDrop = Change(
        id: id("supabase.column.drop.public.orders.legacy_score"),
        description: "drop the undeclared column public.orders.legacy_score (integer) and its data",
        risk: .critical,
        hazards: [.deletesData, .accessExclusiveLock],
        before: column("legacy_score", "integer", nullable: true),
        after: .null,
        observed: digest("legacy_score"),
        payload: ["statements": ["ALTER TABLE public.orders DROP COLUMN legacy_score"]],
        requiresApproval: true,
        approvers: ["dba", "cto"]
    )

    static let envAdd = Change(
        id: id("vercel.env.add.STRIPE_SECRET_KEY"),
        description: "add STRIPE_SECRET_KEY for preview, production (type encrypted, value from env:STRIPE_SECRET_KEY)",
        risk: .medium,
        before: .null,
        after: ["key": "STRIPE_SECRET_KEY", "targets": ["preview", "production"], "type": "encrypted", "value": .string(sensitiveMarker)],
        observed: absent,
        payload: ["key": "STRIPE_SECRET_KEY", "valueFrom": "env:STRIPE_SECRET_KEY", "writesValue": true],
        source: SourceLocation(file: "desired-state.yaml", line: 21, column: 7),
        requiresApproval: false
    )

    static let labelCreate = Change(
        id: id("github.label.create.security"),
        description: "create the label 'security'",
        risk: .low,
        before: .null,
        after: ["name": "security", "color": "d73a4a", "description": "Security reports and fixes"],
        observed: absent,
        payload: ["name": "security", "color": "d73a4a", "description": "Security reports and fixes"],
        requiresApproval: false
    )

    static let labelUpdate = Change(
        id: id("github.label.update.bug"),
        description: "update the label 'bug' (colour ee0701 → d73a4a)",
        risk: .low,
        before: ["name": "bug", "color": "ee0701", "description": "Something isn't working"],
        after: ["name": "bug", "color": "d73a4a", "description": "Something isn't working"],
        observed: digest("bug"),
        payload: ["currentName": "bug", "name": "bug", "color": "d73a4a"],
        requiresApproval: false
    )

    static func protection(reviews: Int, checks: [String], enforceAdmins: Bool) -> JSONValue {
        [
            "requiredReviews": .int(reviews),
            "requiredStatusChecks": .array(checks.map(JSONValue.string)),
            "enforceAdmins": .bool(enforceAdmins),
            "allowForcePushes": false,
            "allowDeletions": false,
            "dismissStaleReviews": true,
            "requireCodeOwnerReviews": false,
            "requiredLinearHistory": false,
        ]
    }

    static let branchProtectionUpdate = Change(
        id: id("github.branch_protection.update.main"),
        description: "update branch protection on 'main'",
        risk: .high,
        before: protection(reviews: 1, checks: ["build"], enforceAdmins: false),
        after: protection(reviews: 2, checks: ["build", "test"], enforceAdmins: true),
        observed: digest("main"),
        payload: ["branch": "main"],
        requiresApproval: true,
        approvers: ["maintainers"]
    )

    /// In plan order: scopes as `ServiceScope.allCases` lists them, then by ID.
    static let changes = [tableCreate, columnDrop, envAdd, branchProtectionUpdate, labelCreate, labelUpdate]

    // MARK: Checks

    static func failing(_ change: Change, _ checkID: String, _ message: String) -> Check {
        Check(id: checkID, scope: change.scope, name: checkID, status: .fail, message: message, changeID: change.id)
    }

    static let checks: [Check] = [
        failing(tableCreate, "supabase.table.public.profiles", "the table public.profiles does not exist"),
        failing(columnDrop, "supabase.column.public.orders.legacy_score", "public.orders.legacy_score is not declared (prune: true)"),
        // The Planner's own wording for a scope without credentials.
        Check(
            id: "supabase.storage.credentials", scope: .supabase, name: "supabase storage credentials", status: .error,
            message: "supabase storage was not audited: SUPABASE_SERVICE_ROLE_KEY is not set",
            suggestedAction: "set SUPABASE_SERVICE_ROLE_KEY in the environment and re-run plan"
        ),
        failing(envAdd, "vercel.env.STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY does not exist for preview, production"),
        failing(branchProtectionUpdate, "github.branch_protection.main", "branch protection on 'main' differs from desired-state.yaml"),
        failing(labelCreate, "github.label.security", "the label 'security' does not exist"),
        failing(labelUpdate, "github.label.bug", "the label 'bug' differs: colour ee0701 → d73a4a"),
        Check(id: "github.label.documentation", scope: .github, name: "label documentation", status: .pass, message: "the label 'documentation' matches"),
        Check(
            id: "posthog.connector", scope: .posthog, name: "posthog connector", status: .warning,
            message: "this version of opsctl has no posthog connector yet; posthog was not audited"
        ),
    ]

    static let plan = Plan(
        opsctlVersion: "0.0.0-snapshot",
        createdAt: createdAt,
        createdBy: planner,
        scope: [.supabase, .vercel, .github, .posthog],
        inputs: [
            PlanInput(role: "desiredState", path: "desired-state.yaml", sha256: hash("desired-state.yaml")),
            PlanInput(role: "policy", path: "change-policy.yaml", sha256: hash("change-policy.yaml")),
        ],
        checks: checks,
        changes: changes,
        requests: 14
    )

    static let emptyPlan = Plan(
        opsctlVersion: "0.0.0-snapshot",
        createdAt: createdAt,
        createdBy: planner,
        scope: [.github],
        inputs: [PlanInput(role: "desiredState", path: "desired-state.yaml", sha256: hash("desired-state.yaml"))],
        checks: [
            Check(id: "github.label.bug", scope: .github, name: "label bug", status: .pass, message: "the label 'bug' matches"),
            Check(id: "github.branch_protection.main", scope: .github, name: "branch protection main", status: .pass, message: "branch protection on 'main' matches"),
        ],
        changes: [],
        requests: 3
    )
}
