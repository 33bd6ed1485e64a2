/// Schemas that Supabase itself creates and migrates (authentication, storage, realtime,
/// the extensions it installs). Their tables belong to the platform: prune never proposes
/// dropping one, and they are not reported as unmanaged, unless desired-state.yaml declares
/// the table (as it does `storage.objects` to manage bucket policies).
enum SupabaseManagedSchemas {
    static let names: Set<String> = [
        "auth", "storage", "realtime", "_realtime", "extensions", "graphql", "graphql_public",
        "vault", "pgsodium", "pgsodium_masks", "supabase_functions", "supabase_migrations",
        "net", "cron", "pgbouncer", "_analytics", "pgtle", "information_schema", "pg_catalog",
    ]

    static func contains(_ schema: String) -> Bool { names.contains(schema) }
}
