import Foundation
import OpsConnectors
import OpsCore
import OpsRender

/// `opsctl plan`: asks each scope's connector what is there, writes the plan file, shows the diff.
enum PlanCommand {
    static let descriptor = CommandDescriptor(
        name: "plan",
        summary: "Compare the services with desired-state.yaml and write a plan",
        usage: "plan [--scope a,b | --revert SEQ|ID] [--out FILE] [--pr N] [--json] [--detailed-exitcode] [--notify slack|webhook:URL] [--notify-on drift|always] [--metrics-file FILE.prom]",
        discussion: """
            Runs the connectors of the requested scopes in parallel (every scope the desired
            state declares, by default), shows what differs as a diff and writes the plan to
            --out (mode 0600). Secrets never appear: values read through valueFrom show as
            (sensitive). Each plan is recorded in the receipts log. When a scope cannot be read
            the plan is incomplete: it is shown, but nothing is written, so an existing plan
            file stays as it was.
            Exits 0 on success; with --detailed-exitcode, 2 when there are changes or failing
            checks; 1 when a file is invalid or a service could not be read.
            --notify sends a summary to Slack or a signed webhook; a failed notification is a
            warning and leaves the exit status alone. --metrics-file writes the run's figures
            (drift by scope and risk, checks, unmanaged objects, approvals pending, duration)
            in Prometheus's text format; a file that cannot be written is a warning too.
            --revert plans the undoing of one applied change, named by its outcome receipt's
            seq or its ID (the last applied outcome): the connector compares the receipt's
            before-snapshot with the service now and proposes ordinary changes, approved and
            applied like any others. What cannot be restored is a failing check that says so.
            """,
        flags: [
            PlanArguments.Flags.scope, PlanArguments.Flags.revert, PlanArguments.Flags.out, PlanArguments.Flags.pullRequest, PlanArguments.Flags.json,
            PlanArguments.Flags.detailedExitCode,
            NotificationArguments.Flags.notify, NotificationArguments.Flags.notifyOn, MetricsFileArgument.flag,
        ],
        featuredGlobalFlags: [GlobalOptions.Flags.desiredState, GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
        worksOffTheMainThread: true,
        parse: PlanArguments.parse,
        // A closure rather than `run` itself: a `@concurrent` function passed as a value
        // crashes Swift 6.3.1's type checker.
        run: { arguments, context in await run(arguments, context: context) }
    )

    /// On the concurrency runtime's threads, not the main thread the other commands run on
    /// (Package.swift): run on the main thread, a plan's allocations went to the main thread's
    /// heap beside the workers' and its peak memory rose by 3.5–5 MiB (docs/performance.md).
    @concurrent @Sendable static func run(_ arguments: PlanArguments, context: CommandContext) async -> CommandOutcome {
        let started = Date()
        let runtime = context.resolveRuntime()
        // libcurl (and libpq) are opened on another thread while the configuration is read,
        // once the parse's own threads are running; that thread and the threads the first
        // requests run on are made before, as none can be made during the load
        // (docs/performance.md). The scopes named on the command line start their first reads
        // then too: they need the environment, not the file, and the plan waits on them first.
        // Their listings' other pages follow as soon as the parse has counted what the file
        // declares; without --scope, a scope's connector is made when the parse meets the first
        // list its section declares.
        let scopes = arguments.scopes
        SharedLibraries.prepare(forScopes: scopes)
        let startedConnectors = StartedConnectors()
        let startsReading = arguments.revert == nil
        guard
            let configuration = ConfigurationInputs.load(
                arguments.globals, context: context,
                onceParsing: {
                    SharedLibraries.preload(forScopes: scopes)
                    guard startsReading else { return }
                    if let scopes {
                        startedConnectors.start(scopes, registry: runtime.registry, context: runtime.connectorContext)
                    } else {
                        startedConnectors.makeOnDeclaring(registry: runtime.registry, context: runtime.connectorContext)
                    }
                },
                onList: startedConnectors.declared)
        else { return .failure }
        RunNotification.prepare(arguments.notifications, runtime: runtime)
        let planner = Planner(registry: runtime.registry, context: runtime.connectorContext, started: startedConnectors)
        let posting: PlanPullRequestPosting?
        switch PlanPullRequestPosting.prepare(arguments, runtime: runtime, context: context) {
        case .success(let prepared): posting = prepared
        case .failure: return .failure
        }
        var plan: Plan
        if let reference = arguments.revert {
            guard let revert = revertTarget(reference, log: runtime.receiptLog, context: context) else { return .failure }
            plan = await planner.planRevert(
                revert, policy: configuration.policy, actor: runtime.actor, createdAt: Timestamp.now(), inputs: configuration.inputs)
        } else {
            plan = await planner.plan(Planner.Request(
                desired: configuration.desired,
                policy: configuration.policy,
                scopes: arguments.scopes,
                actor: runtime.actor,
                createdAt: Timestamp.now(),
                inputs: configuration.inputs
            ))
        }

        // The pull request is part of the plan, so its digest (the one reviews bind to) covers it.
        var postingFailed = false
        if let posting, plan.isComplete {
            if let pull = await posting.pullRequest(context: context) {
                plan.pullRequest = pull
            } else {
                postingFailed = posting.explicit
            }
        }
        if postingFailed { return .failure }

        let output = context.standardOutput
        let view = PlanView(format: ViewFormat(json: arguments.json, colour: output.colour), redactor: runtime.redactor)
        // Rendered on another thread while the plan file and the receipt are written: their
        // `fsync`s leave the processors idle (docs/performance.md). Shown only once both are.
        let finishedPlan = plan
        async let rendered = view.render(finishedPlan)

        // An incomplete plan is shown but never written or recorded: it would replace the last
        // good plan with one whose silence about the unread scopes reads as "no drift".
        // The file and its digest come from one pass as it is written; an unwritten plan needs
        // the digest only.
        let planDigest: String
        var receiptsHead: ReceiptHead?
        if plan.isComplete {
            do {
                planDigest = try PlanFile.write(plan, to: arguments.outPath)
            } catch {
                context.report(error)
                return .failure
            }
            do {
                receiptsHead = try runtime.receiptLog.append(
                    PlanReceiptBody(plan: plan, planDigest: planDigest, path: arguments.outPath), actor: runtime.actor
                ).head
            } catch {
                context.report(error)
                return .failure
            }
        } else {
            planDigest = PlanDigest.of(plan)
        }

        output.write(await rendered)
        if !plan.isComplete {
            context.standardError.write(view.notWrittenNote(path: arguments.outPath))
        } else if !arguments.json, context.globals.verbosity != .quiet {
            context.standardError.write(view.writtenNote(path: arguments.outPath, digest: planDigest, requests: plan.requests))
        }
        if let posting, plan.pullRequest != nil,
            !(await posting.post(plan, planDigest: planDigest, planFile: arguments.outPath, runtime: runtime, context: context)),
            posting.explicit
        {
            postingFailed = true
        }
        await RunNotification.send(
            NotificationDocument(plan: plan, planDigest: planDigest, createdAt: plan.createdAt, actor: runtime.actor),
            arguments: arguments.notifications, approvalChannel: configuration.desired.slack?.approvalChannel, runtime: runtime, context: context
        )

        let summary = plan.summary
        let outcome: CommandOutcome
        if !plan.isComplete || postingFailed {
            outcome = .failure
        } else if arguments.detailedExitCode, summary.hasChanges || summary.failingChecks > 0 {
            outcome = .attention
        } else {
            outcome = .success
        }
        // The receipt just appended is the head; an unwritten plan appended none, and the log is
        // read (a database round trip, for PostgreSQL) only when something reports its head.
        if receiptsHead == nil, arguments.metricsFile.path != nil || runtime.isGitHubActions {
            receiptsHead = try? runtime.receiptLog.head()
        }
        arguments.metricsFile.write(
            RunMetrics(
                command: .plan, plan: plan, succeeded: plan.isComplete, finishedAt: Date(),
                durationSeconds: Date().timeIntervalSince(started), receiptsHeadSeq: receiptsHead?.seq),
            context: context)
        if runtime.isGitHubActions {
            GitHubActionsOutput(context: context, redactor: runtime.redactor, json: arguments.json).publish(
                plan: plan,
                planFile: plan.isComplete ? arguments.outPath : nil,
                planDigest: plan.isComplete ? planDigest : nil,
                receiptsHead: receiptsHead,
                outcome: outcome
            )
        }
        // The plan and the configuration are freed on another thread, or not at all if the
        // process ends first: at 10,000 resources that is milliseconds of `free` (docs/performance.md).
        // Copies hand over their storage; the locals then only drop their references.
        BackgroundRelease.release(plan, configuration)
        return outcome
    }
}

extension PlanCommand {
    /// The change to undo, from a log that verifies (its before-snapshot is only as good as
    /// the chain that holds it).
    static func revertTarget(_ reference: String, log: any ReceiptStore, context: CommandContext) -> RevertRequest? {
        do {
            let verified = try log.receiptsVerifiedToCheckpoint()
            if let failure = verified.report.failure {
                context.report(Diagnostic(
                    message: "the receipts log does not verify, so its snapshots cannot be trusted for a revert: \(failure.diagnostic.message)",
                    hint: "run 'opsctl receipts verify' for the details"))
                return nil
            }
            return try RevertTarget.find(reference, in: verified.receipts)
        } catch let error as any DiagnosticError {
            context.report(error)
            return nil
        } catch {
            context.report(Diagnostic(message: "\(error)"))
            return nil
        }
    }
}

enum Timestamp {
    /// RFC 3339 UTC with whole seconds, the form plans and receipts use.
    static func now() -> String {
        UTCTime(Date()).rfc3339
    }
}
