/// The receipts schema in PostgreSQL (docs/receipts-postgres.md): created by `opsctl receipts
/// init`, idempotent, versioned by `opsctl.schema_version`.
///
/// - `opsctl.log`: one row per log, its head (`head_seq`, `head_hash`) and the apply lock's
///   holder. Every append locks this row (`SELECT … FOR UPDATE`) and moves the head, which
///   orders appenders: locking the last receipt row would not, since a waiting statement's
///   re-check never sees rows inserted meanwhile.
/// - `opsctl.receipt`: one row per receipt holding the exact canonical line (`line`, without
///   its newline); the other columns are derived from it for queries. `(log_id, seq)` and
///   `(log_id, prev)` are unique, so two receipts can never claim the same place or the same
///   predecessor: a fork is impossible even for a client that skips the head-row lock.
///   A trigger refuses UPDATE, DELETE and TRUNCATE (an owner can still drop it, which is why
///   the checkpoint and the MAC key stay outside the database).
enum PostgresReceiptSchema {
    static let version = 1
    static let schemaName = "opsctl"

    /// Serialises concurrent `receipts init` runs (`CREATE … IF NOT EXISTS` alone can race).
    static let initLockKey = "7307063311"

    static let versionOneScript = """
        select pg_catalog.pg_advisory_xact_lock(\(initLockKey));
        create schema if not exists opsctl;
        create table if not exists opsctl.schema_version (
            version integer primary key,
            applied_at timestamptz not null default now()
        );
        create table if not exists opsctl.log (
            log_id text primary key,
            head_seq bigint not null default -1,
            head_hash text not null default repeat('0', 64),
            apply_holder jsonb,
            created_at timestamptz not null default now()
        );
        create table if not exists opsctl.receipt (
            log_id text not null references opsctl.log (log_id),
            seq bigint not null check (seq >= 0),
            line bytea not null,
            hash text not null,
            prev text not null,
            kind text not null,
            change_id text,
            ts timestamptz not null,
            primary key (log_id, seq),
            unique (log_id, hash),
            unique (log_id, prev)
        );
        create or replace function opsctl.refuse_receipt_change() returns trigger language plpgsql as $$
        begin
            raise exception 'opsctl receipts are append-only: % is refused', tg_op using errcode = '42501';
        end
        $$;
        create or replace trigger receipt_append_only before update or delete on opsctl.receipt
            for each row execute function opsctl.refuse_receipt_change();
        create or replace trigger receipt_no_truncate before truncate on opsctl.receipt
            for each statement execute function opsctl.refuse_receipt_change();
        insert into opsctl.schema_version (version) values (1) on conflict (version) do nothing;
        """

    /// What an appender role may do: read everything, insert receipts, create its log's row
    /// and move the head and the lock holder. No UPDATE or DELETE on receipts.
    static func grantScript(to role: String) -> String {
        let role = SQLIdentifier.quote(role)
        return """
            grant usage on schema opsctl to \(role);
            grant select on opsctl.schema_version to \(role);
            grant select, insert on opsctl.receipt to \(role);
            grant select, insert on opsctl.log to \(role);
            grant update (head_seq, head_hash, apply_holder) on opsctl.log to \(role);
            """
    }
}
