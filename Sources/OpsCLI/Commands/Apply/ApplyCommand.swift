import Foundation
import OpsConnectors
import OpsCore
import OpsRender

/// `opsctl apply plan.json [--only id,id] [--json]`.
enum ApplyCommand {
    struct Arguments: Sendable, Hashable {
        var planPath: String
        var only: [ChangeID]?
        var json: Bool
        var allowIncomplete = false
        var globals: GlobalOptions
        var notifications = NotificationArguments()
        var metricsFile = MetricsFileArgument()
    }

    static let only = FlagSpec(long: "only", kind: .value(placeholder: "IDS"), summary: "Apply only these changes, comma-separated")
    static let json = FlagSpec(long: "json", summary: "Print one JSON document on standard output")
    static let allowIncomplete = FlagSpec(long: "allow-incomplete", summary: "Apply a plan even though some scopes could not be read when it was made")

    static let descriptor = CommandDescriptor(
        name: "apply",
        summary: "Apply the allowed and approved changes of a plan",
        usage: "apply <plan> [--only id,id] [--allow-incomplete] [--json] [--notify slack|webhook:URL] [--notify-on drift|always] [--metrics-file FILE.prom]",
        discussion: """
            Refuses a plan whose digests do not match its content, verifies the receipts log
            before trusting any approval in it, and applies only changes that policy lets
            through or that carry valid approvals. Each change is re-read first; one that moved
            since the plan is refused as stale. Every applied change gets an intent and an
            outcome receipt. Exits 0 when everything selected was applied, 2 when nothing failed
            but some changes await approval, 1 when a change failed or was stale. A plan made
            while a scope could not be read is refused unless --allow-incomplete is given.
            --metrics-file writes the run's figures in Prometheus's text format.
            """,
        flags: [only, allowIncomplete, json, NotificationArguments.Flags.notify, NotificationArguments.Flags.notifyOn, MetricsFileArgument.flag],
        featuredGlobalFlags: [GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
        positionals: [PositionalSpec(name: "plan", isRequired: true, summary: "The plan file written by 'opsctl plan'")],
        worksOffTheMainThread: true,
        parse: parse,
        // A closure rather than `run` itself: a `@concurrent` function passed as a value
        // crashes Swift 6.3.1's type checker.
        run: { arguments, context in await run(arguments, context: context) }
    )

    static func parse(_ input: CommandInput) -> ParseResult<Arguments> {
        var problems: [UsageError] = []
        var arguments = Arguments(planPath: input.arguments.positionals.first?.value ?? "", only: nil, json: input.arguments.contains(json), globals: input.globals)
        arguments.allowIncomplete = input.arguments.contains(allowIncomplete)
        arguments.notifications = NotificationArguments.parse(input.arguments, command: "apply", problems: &problems)
        arguments.metricsFile = MetricsFileArgument.parse(input.arguments, command: "apply", problems: &problems)
        if let option = input.arguments.singleOccurrence(of: only, command: "apply", problems: &problems), let value = option.value {
            var ids: [ChangeID] = []
            for part in value.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let id = ChangeID(part) else {
                    let parts = part.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
                    let reason = parts.count == 4 && parts.allSatisfy({ !$0.isEmpty })
                        ? "'\(parts[0])' is not a scope opsctl knows (\(ServiceScope.allCases.map(\.rawValue).joined(separator: ", ")))"
                        : "a change ID has four parts, scope.resource.action.name"
                    problems.append(UsageError(
                        .invalidValue(option: option.spelling, value: part, reason: reason),
                        command: "apply", argumentIndex: option.index
                    ))
                    continue
                }
                ids.append(id)
            }
            arguments.only = ids
        }
        return ParseResult(arguments, problems: problems)
    }

    /// On the concurrency runtime's threads, as `plan` runs (`PlanCommand.run`): its connectors
    /// do a plan's kind of work, whose memory rose on the main thread. Not measured for `apply`
    /// itself, which `make bench` does not run.
    @concurrent @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        let started = Date()
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        // The desired state is read only for the Slack approval channel a notification goes to.
        let needsChannel = arguments.notifications.targets.contains(.slack)
        guard let configuration = ConfigurationInputs.load(arguments.globals, needDesiredState: needsChannel, context: context) else {
            return .failure
        }
        if let only = arguments.only {
            let unknown = only.filter { plan.change($0) == nil }
            if !unknown.isEmpty {
                context.report(Diagnostic(
                    message: "--only names \(unknown.count == 1 ? "a change" : "changes") not in the plan: \(unknown.map(\.description).joined(separator: ", "))",
                    hint: "run 'opsctl show \(arguments.planPath)' to list the plan's change IDs"
                ))
                return .failure
            }
        }
        let runtime = context.resolveRuntime()
        RunNotification.prepare(arguments.notifications, runtime: runtime)
        let applier = Applier(
            registry: runtime.registry,
            context: runtime.connectorContext,
            log: runtime.receiptLog,
            policy: configuration.policy,
            secrets: runtime.secretResolver,
            reviews: plan.pullRequest == nil ? nil : try? GitHubPullRequestConversation.make(context: runtime.connectorContext).get()
        )
        let report: ApplyReport
        do {
            report = try await applier.apply(Applier.Request(
                plan: plan, planPath: arguments.planPath, only: arguments.only, actor: runtime.actor, allowIncomplete: arguments.allowIncomplete
            ))
        } catch .incompletePlan(let scopes) {
            var diagnostic = ApplyError.incompletePlan(scopes).diagnostic
            diagnostic.hint = "re-run plan once every scope can be read, or pass --\(allowIncomplete.long) to apply the changes of the scopes that were read"
            context.report(diagnostic)
            return .failure
        } catch {
            context.report(error)
            return .failure
        }
        let output = context.standardOutput
        output.write(ApplyView(format: ViewFormat(json: arguments.json, colour: output.colour), redactor: runtime.redactor).render(report))
        await RunNotification.send(
            NotificationDocument(report: report, plan: plan, planDigest: PlanDigest.of(plan), createdAt: Timestamp.now(), actor: runtime.actor),
            arguments: arguments.notifications, approvalChannel: configuration.desired.slack?.approvalChannel, runtime: runtime, context: context
        )
        let outcome: CommandOutcome = report.failed > 0 ? .failure : (report.waiting + report.rejected > 0 ? .attention : .success)
        arguments.metricsFile.write(
            RunMetrics(
                command: .apply, plan: plan, apply: report, succeeded: report.failed == 0, finishedAt: Date(),
                durationSeconds: Date().timeIntervalSince(started), receiptsHeadSeq: report.receiptsHead?.seq),
            context: context)
        if runtime.isGitHubActions {
            GitHubActionsOutput(context: context, redactor: runtime.redactor, json: arguments.json)
                .publish(apply: report, planDigest: PlanDigest.of(plan), outcome: outcome)
        }
        return outcome
    }
}
