import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts repair`: quarantines a torn tail and records a `recovery` receipt, or
/// says there is nothing to repair. Damage before the end is not a torn write and is refused
/// (exit 1): that is for a human with a backup.
enum ReceiptsRepairAction {
    static func run(context: CommandContext) -> CommandOutcome {
        let runtime = context.resolveRuntime()
        let log = runtime.receiptLog
        let logExists = (try? log.exists()) ?? false
        let result: RepairResult?
        do {
            result = try log.repair(actor: runtime.actor, date: Date())
        } catch {
            context.report(error)
            return .failure
        }
        guard context.globals.verbosity != .quiet else { return .success }
        let text = result.map { ReceiptsRenderer.repairSummary($0, logPath: log.location) }
            ?? ReceiptsRenderer.nothingToRepair(logPath: log.location, logExists: logExists)
        context.standardOutput.write(text)
        return .success
    }
}
