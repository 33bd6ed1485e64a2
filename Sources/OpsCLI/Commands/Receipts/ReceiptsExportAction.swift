import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts export --out FILE [--force]`: the log as the JSONL file the file backend
/// would hold, byte for byte, written atomically. The log is verified first and the export
/// after, so an export is never a silently broken or shortened copy.
enum ReceiptsExportAction {
    static func run(_ options: ReceiptsArguments.ExportOptions, context: CommandContext) -> CommandOutcome {
        let runtime = context.resolveRuntime()
        let store = runtime.receiptLog
        if !options.force, FileManager.default.fileExists(atPath: options.outPath) {
            context.report(Diagnostic(
                message: "'\(options.outPath)' already exists", hint: "pass --force to replace it, or choose another --out"))
            return .failure
        }
        do throws(ReceiptError) {
            // The store as stored first (a file's torn tail is not a line, so it would not be
            // exported, and the export alone would look intact), then the bytes written.
            var failure = try store.verify(expectHead: nil).failure
            let bytes = try store.exportedBytes()
            let report = try ReceiptLog.verify(bytes: bytes, key: runtime.receiptsKey)
            failure = failure ?? report.failure
            if let failure {
                context.report(Diagnostic(
                    message: "the log at \(store.location) is not intact, so it was not exported: \(failure.message)",
                    hint: "run `opsctl receipts verify` for details"))
                return .attention
            }
            do {
                try AtomicFile.write(bytes, to: options.outPath, mode: 0o600)
            } catch {
                throw ReceiptError.io(path: options.outPath, operation: error.operation, errno: error.errno)
            }
            if context.globals.verbosity != .quiet {
                context.standardOutput.write(ReceiptsStoreRenderer.exported(
                    entries: report.entries, head: report.head, to: options.outPath, from: store.location))
            }
            return .success
        } catch {
            context.report(error)
            return .failure
        }
    }
}
