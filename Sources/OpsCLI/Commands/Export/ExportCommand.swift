import Foundation
import OpsCore
import OpsRender

/// `opsctl export <changeId> [--out FILE] [--force]`: one applied change's evidence as a
/// gzip tar (docs/formats.md, "Export bundle"), recorded by an `export` receipt.
enum ExportCommand {
    struct Arguments: Sendable, Hashable {
        var changeID: String
        var outPath: String?
        var force = false
        var json = false
        var globals: GlobalOptions
    }

    static let out = FlagSpec(long: "out", short: "o", kind: .value(placeholder: "FILE"), summary: "Where to write the bundle (default: <changeId>.tar.gz)")
    static let force = FlagSpec(long: "force", summary: "Replace an existing file at --out (never through a symbolic link)")
    static let json = FlagSpec(long: "json", summary: "Print one JSON document on standard output")

    static let descriptor = CommandDescriptor(
        name: "export",
        summary: "Write one applied change's evidence as a downloadable bundle",
        usage: "export <changeId> [--out FILE] [--force] [--json]",
        discussion: """
            Verifies the receipts log, finds the change's last outcome and writes a gzip tar
            holding manifest.json (the change, its plan, approvals with their evidence, intent
            and outcome, who and when, and the digest of every file), patch.diff (a unified
            diff of the before and after snapshots, with the migration SQL of a database
            change), before.json, after.json and receipts-segment.jsonl, the log lines that prove it.
            'opsctl receipts verify --bundle FILE' checks a bundle. Secrets are masked as
            everywhere else. An export receipt records the bundle's SHA-256.
            """,
        flags: [out, force, json],
        featuredGlobalFlags: [GlobalOptions.Flags.receipts],
        positionals: [PositionalSpec(name: "changeId", isRequired: true, summary: "The change, as 'opsctl status' or 'opsctl receipts list' name it")],
        parse: parse,
        run: run
    )

    static func parse(_ input: CommandInput) -> ParseResult<Arguments> {
        var problems: [UsageError] = []
        var arguments = Arguments(changeID: input.arguments.positionals.first?.value ?? "", globals: input.globals)
        if let positional = input.arguments.positionals.first, ChangeID(positional.value) == nil {
            problems.append(UsageError(
                .invalidValue(option: "changeId", value: positional.value, reason: "a change ID has four parts, scope.resource.action.name"),
                command: "export", argumentIndex: positional.index))
        }
        if let option = input.arguments.singleOccurrence(of: out, command: "export", problems: &problems), let value = option.value {
            if value.isEmpty || value.hasSuffix("/") {
                problems.append(UsageError(.invalidValue(option: option.spelling, value: value, reason: "it must name a file"), command: "export", argumentIndex: option.index))
            } else {
                arguments.outPath = value
            }
        }
        arguments.force = input.arguments.contains(force)
        arguments.json = input.arguments.contains(json)
        return ParseResult(arguments, problems: problems)
    }

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        let runtime = context.resolveRuntime()
        let log = runtime.receiptLog
        let path = arguments.outPath ?? "\(arguments.changeID).tar.gz"
        do {
            // The bundle is evidence only if the log it comes from holds together.
            let verified = try log.receiptsVerifiedToCheckpoint()
            if let failure = verified.report.failure { throw ExportError.logDoesNotVerify(detail: failure.diagnostic.message) }
            guard let head = verified.report.head else { throw ExportError.noOutcome(changeID: arguments.changeID, planned: false) }
            try BundleDestination.check(path, force: arguments.force)

            let evidence = try ChangeEvidence.find(changeID: arguments.changeID, in: verified.receipts)
            let bundle = try ExportBundle(
                evidence: evidence, change: planned(evidence), head: head, exportedBy: runtime.actor, exportedAt: Timestamp.now(),
                redactor: runtime.redactor)
            let bytes = try bundle.archive(modified: Int(evidence.outcome.date.timeIntervalSince1970))
            let digest = Hex.encode(try SHA256.hash(bytes))
            try AtomicFile.write(bytes, to: path, mode: 0o644)
            let receipt: Receipt
            do {
                receipt = try log.append(
                    ExportReceiptBody(change: evidence.change, outcomeSeq: evidence.outcome.seq, path: path, bundleSHA256: digest),
                    actor: runtime.actor)
            } catch {
                // Every bundle in circulation has its receipt; without one, none is left behind.
                unlink(path)
                throw error
            }
            let view = ExportView(format: ViewFormat(json: arguments.json, colour: context.standardOutput.colour), redactor: runtime.redactor)
            context.standardOutput.write(view.exported(ExportView.Summary(
                changeID: evidence.change.changeID, result: evidence.outcomeBody.result.rawValue, outcomeSeq: evidence.outcome.seq,
                path: path, bytes: bytes.count, sha256: digest, receiptSeq: receipt.seq, files: ExportBundle.FileName.all,
                firstSeq: evidence.segment.first?.seq ?? evidence.outcome.seq)))
            return .success
        } catch let error as any DiagnosticError {
            context.report(error)
            return .failure
        } catch {
            context.report(Diagnostic(message: "export failed: \(error)"))
            return .failure
        }
    }

    /// The change as the plan file holds it, when that file is still where the plan receipt
    /// says and is the very plan the outcome names; nil otherwise (the bundle then lacks the
    /// description and SQL, and says nothing false).
    static func planned(_ evidence: ChangeEvidence) -> Change? {
        guard let receipt = evidence.plan, let body = PlanReceiptBody(receipt), let id = ChangeID(evidence.change.changeID),
            let plan = try? PlanFile.read(from: body.path), PlanDigest.of(plan) == evidence.change.planDigest,
            let change = plan.change(id), PlanDigest.of(change) == evidence.change.changeDigest
        else { return nil }
        return change
    }
}

/// Where a bundle may be written: never through a symbolic link, never over a file without
/// `--force`. The write itself goes to a new file beside it and is renamed into place, which
/// replaces a name and cannot follow a link.
enum BundleDestination {
    static func check(_ path: String, force: Bool) throws(ExportError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFLNK { throw .destinationIsSymbolicLink(path: path) }
        if !force { throw .destinationExists(path: path) }
    }
}
