import OpsCore

/// `opsctl receipts init`: creates or upgrades the schema, then grants an appender role.
extension PostgresReceiptStore {
    package struct SchemaInitialization: Sendable, Equatable {
        /// The version found before (nil: there was no schema).
        package var previousVersion: Int?
        package var version: Int
        package var grantedTo: String?
    }

    /// Idempotent: running it again changes nothing. Refuses a schema newer than this opsctl.
    package func initializeSchema(grantTo role: String?) throws(ReceiptError) -> SchemaInitialization {
        try withConnection { connection throws(PostgresError) in
            let previous = try Self.installedVersion(connection)
            if let previous, previous > PostgresReceiptSchema.version {
                throw PostgresError.unexpectedResult(
                    "the receipts schema is version \(previous), newer than this opsctl knows (\(PostgresReceiptSchema.version)); upgrade opsctl")
            }
            try connection.execute(script: PostgresReceiptSchema.versionOneScript)
            if let role { try connection.execute(script: PostgresReceiptSchema.grantScript(to: role)) }
            return SchemaInitialization(previousVersion: previous, version: PostgresReceiptSchema.version, grantedTo: role)
        }
    }

    static func installedVersion(_ connection: PostgresConnection) throws(PostgresError) -> Int? {
        let exists = try connection.query("select (pg_catalog.to_regclass('opsctl.schema_version') is not null)::text as present")
        guard exists.rows.first?["present"] == "true" else { return nil }
        return try connection.query("select max(version)::text as v from opsctl.schema_version").rows.first?["v"].flatMap { Int($0) }
    }
}
