import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts import FILE`: loads a JSONL log that verifies (with the MAC key when one
/// is set) into the configured log, which must be empty. The lines go in exactly as they
/// are, so the chain, its hashes and any checkpoint stay valid.
enum ReceiptsImportAction {
    static func run(path: String, context: CommandContext) -> CommandOutcome {
        let runtime = context.resolveRuntime()
        let store = runtime.receiptLog
        let key = runtime.receiptsKey
        let source = ReceiptLog(path: path, key: key)
        if let target = store as? ReceiptLog, target.path == path {
            context.report(Diagnostic(message: "cannot import '\(path)' into itself", hint: "give --receipts the log to load it into"))
            return .failure
        }
        do throws(ReceiptError) {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReceiptError.io(path: path, operation: "open", errno: ENOENT)
            }
            let report = try source.verify(expectHead: nil)
            if let failure = report.failure {
                throw ReceiptError.importRefused(location: store.location, reason: "'\(path)' does not verify: \(failure.message)")
            }
            var lines: [[UInt8]] = []
            try source.forEachLine { line in
                lines.append(Array(line))
                return true
            }
            try store.importLines(lines)
            if context.globals.verbosity != .quiet {
                context.standardOutput.write(ReceiptsStoreRenderer.imported(
                    entries: report.entries, head: report.head, from: path, into: store.location))
            }
            return .success
        } catch {
            context.report(error)
            return .failure
        }
    }
}
