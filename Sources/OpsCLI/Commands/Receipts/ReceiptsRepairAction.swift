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
        let logExists = FileManager.default.fileExists(atPath: log.path)
        let result: RepairResult?
        do {
            result = try log.repair(actor: runtime.actor)
        } catch {
            context.report(error)
            return .failure
        }
        guard context.globals.verbosity != .quiet else { return .success }
        let text = result.map { ReceiptsRenderer.repairSummary($0, logPath: log.path) }
            ?? ReceiptsRenderer.nothingToRepair(logPath: log.path, logExists: logExists)
        context.standardOutput.write(text)
        return .success
    }
}
