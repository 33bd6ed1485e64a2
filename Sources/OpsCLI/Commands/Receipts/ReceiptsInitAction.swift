import OpsConnectors
import OpsCore
import OpsRender

/// `opsctl receipts init [--grant-to ROLE]`: creates the PostgreSQL schema (idempotent). The
/// file log needs none and says so.
enum ReceiptsInitAction {
    static func run(_ options: ReceiptsArguments.InitOptions, context: CommandContext) -> CommandOutcome {
        let store = context.resolveRuntime().receiptLog
        guard let database = store as? PostgresReceiptStore else {
            if options.grantTo != nil {
                context.report(Diagnostic(
                    message: "--grant-to needs a PostgreSQL receipts log, and \(store.location) is a file",
                    hint: "give --receipts postgres://… or set OPSCTL_RECEIPTS_URL"))
                return .failure
            }
            context.standardOutput.write(ReceiptsStoreRenderer.fileNeedsNoInit(location: store.location))
            return .success
        }
        do {
            let result = try database.initializeSchema(grantTo: options.grantTo)
            if context.globals.verbosity != .quiet {
                context.standardOutput.write(ReceiptsStoreRenderer.initialized(
                    location: database.location, previousVersion: result.previousVersion, version: result.version,
                    grantedTo: result.grantedTo))
            }
            return .success
        } catch {
            context.report(error)
            return .failure
        }
    }
}
