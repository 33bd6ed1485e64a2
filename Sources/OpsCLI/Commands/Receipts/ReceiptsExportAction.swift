import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts export --out FILE [--force]`: the log as the JSONL file the file backend
/// would hold, byte for byte, written atomically. The export is checked with the file
/// verifier before it is kept, so an export is never a silently broken copy.
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
            let bytes = try store.exportedBytes()
            let key = runtime.receiptsKey
            let report = try ReceiptLog.verify(bytes: bytes, key: key)
            if let failure = report.failure {
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
