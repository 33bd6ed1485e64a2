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
        var outcome: CommandOutcome = report.isIntact ? .success : .attention
        var approvals: [ApprovalSignaturesRenderer.Row]?
        if options.approvals {
            guard let configuration = ConfigurationInputs.load(context.globals, needDesiredState: false, context: context) else { return .failure }
            do {
                approvals = checkSignedApprovals(try log.list(kind: nil, changeID: nil), policy: configuration.policy)
            } catch {
                context.report(error)
                return .failure
            }
            if approvals?.contains(where: { if case .refused = $0.outcome { true } else { false } }) == true { outcome = .attention }
        }

        let view = ReceiptsView(
            format: ViewFormat(json: options.json, colour: context.standardOutput.colour), errorColour: context.standardError.colour,
            redactor: context.redactor
        )
        let output = view.verification(
            verification, quiet: context.globals.verbosity == .quiet, verbose: context.globals.verbosity == .verbose, approvals: approvals)
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

    /// Every `approve` receipt that carries a signature, checked as apply checks it (same
    /// statement, namespace, allowed_signers and time), whatever the change's rule says now.
    static func checkSignedApprovals(_ receipts: [Receipt], policy: ChangePolicy) -> [ApprovalSignaturesRenderer.Row] {
        receipts.compactMap { receipt -> ApprovalSignaturesRenderer.Row? in
            guard receipt.kind == .approve, receipt.body["signature"] != nil else { return nil }
            let changeID = receipt.body[Receipt.changeIDKey]?.stringValue ?? "?"
            guard let body = VerdictReceiptBody(receipt), let signature = body.signature else {
                return .init(seq: receipt.seq, changeID: changeID, identity: receipt.actor, fingerprint: "?",
                             outcome: .refused("the receipt's signature member is malformed"))
            }
            let outcome: ApprovalSignaturesRenderer.Outcome
            do {
                let verified = try SignedApprovalCheck.verify(
                    signature, changeID: body.change.changeID, changeDigest: body.change.changeDigest, planDigest: body.change.planDigest,
                    recordedAt: receipt.date, allowedSigners: policy.allowedSigners
                )
                outcome = .verified(checkedBy: verified.checkedBy.rawValue)
            } catch let error as SSHSignatureError {
                outcome = .refused(error.message)
            } catch {
                outcome = .refused("\(error)")
            }
            return .init(seq: receipt.seq, changeID: body.change.changeID, identity: signature.identity, fingerprint: signature.fingerprint, outcome: outcome)
        }
    }
}
