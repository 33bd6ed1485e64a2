import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts verify`: 0 when the log is intact, 2 (`.attention`) when it is not, 1 when
/// it cannot be read. Missing logs are empty ones, unless an expected head says otherwise.
enum ReceiptsVerifyAction {
    static func run(_ options: ReceiptsArguments.VerifyOptions, context: CommandContext) -> CommandOutcome {
        // With a key the log verifies MACs too; the key itself is never printed.
        let log = context.resolveRuntime().receiptLog
        let expectedHead: ExpectedHead?
        let source: ReceiptsRenderer.Verification.ExpectationSource?
        if let given = options.expectHead {
            expectedHead = given
            source = .option(spelling: "--" + ReceiptsArguments.Flags.expectHead.long)
        } else {
            do {
                // A checkpoint is a head kept apart from the log, so it is checked unless the
                // user named a different one.
                let checkpoint = try log.readCheckpoint()
                expectedHead = checkpoint.map(ExpectedHead.init)
                source = checkpoint.map { _ in .checkpoint(path: log.checkpointPath) }
            } catch {
                context.report(error)
                return .failure
            }
        }

        let logExists = FileManager.default.fileExists(atPath: log.path)
        let report: VerificationReport
        do {
            report = try log.verify(expectHead: expectedHead)
        } catch {
            context.report(error)
            return .failure
        }
        let verification = ReceiptsRenderer.Verification(
            logPath: log.path, logExists: logExists, expectedHead: expectedHead, expectationSource: source, report: report)
        let outcome: CommandOutcome = report.isIntact ? .success : .attention

        if options.json {
            context.standardOutput.write(JSONDocument.text(ReceiptsRenderer.verificationJSON(verification)))
            return outcome
        }
        if report.isIntact {
            if context.globals.verbosity != .quiet {
                let text = ReceiptsRenderer.intactSummary(
                    verification, verbose: context.globals.verbosity == .verbose, colour: context.standardOutput.colour)
                context.standardOutput.write(text)
            }
        } else {
            context.standardError.write(ReceiptsRenderer.brokenReport(verification, colour: context.standardError.colour))
        }
        return outcome
    }
}
