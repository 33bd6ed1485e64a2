import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts verify`: 0 when the log is intact, 2 (`.attention`) when it is not, 1 when
/// it cannot be read. Missing logs are empty ones, unless an expected head says otherwise.
enum ReceiptsVerifyAction {
    static func run(_ options: ReceiptsArguments.VerifyOptions, context: CommandContext) -> CommandOutcome {
        // With a key the log verifies MACs too; the key itself is never printed.
        let log = context.resolveRuntime().receiptLog
        if let bundle = options.bundle { return verifyBundle(bundle, log: log, json: options.json, context: context) }
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

        let logExists = (try? log.exists()) ?? false
        let report: VerificationReport
        do {
            report = try log.verify(expectHead: expectedHead)
        } catch {
            context.report(error)
            return .failure
        }
        let verification = ReceiptsRenderer.Verification(
            logPath: log.location, logExists: logExists, expectedHead: expectedHead, expectationSource: source, report: report)
        let outcome: CommandOutcome = report.isIntact ? .success : .attention

        let view = ReceiptsView(
            format: ViewFormat(json: options.json, colour: context.standardOutput.colour), errorColour: context.standardError.colour,
            redactor: context.redactor
        )
        let output = view.verification(verification, quiet: context.globals.verbosity == .quiet, verbose: context.globals.verbosity == .verbose)
        context.standardError.write(output.standardError)
        context.standardOutput.write(output.standardOutput)
        return outcome
    }

    /// 0 when the bundle is intact (and matches the log, when there is one), 2 when it does
    /// not verify, 1 when it cannot be read at all.
    static func verifyBundle(_ path: String, log: any ReceiptStore, json: Bool, context: CommandContext) -> CommandOutcome {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            context.report(Diagnostic(message: "cannot read the bundle \(path): \((error as NSError).localizedDescription)"))
            return .failure
        }
        do {
            let result = try log.verifyBundle(bytes, path: path)
            let view = ExportView(format: ViewFormat(json: json, colour: context.standardOutput.colour), redactor: context.redactor)
            context.standardOutput.write(view.verified(result, path: path))
            return .success
        } catch {
            context.report(error)
            switch error {
            case .bundleTampered, .logDoesNotVerify: return .attention
            default: return .failure
            }
        }
    }
}
