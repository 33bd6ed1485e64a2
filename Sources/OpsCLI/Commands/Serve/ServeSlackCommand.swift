import Foundation
import OpsConnectors
import OpsCore
import OpsRender
import OpsSandbox
import Synchronization

/// `opsctl serve slack`: the receiver for Slack approvals (docs/approvals.md, "Slack"). It
/// listens on 127.0.0.1 (a proxy or tunnel gives it the public Request URL Slack needs),
/// checks every request's signature with `SLACK_SIGNING_SECRET`, acknowledges at once,
/// decides by the policy's rules, appends the receipt and answers through `response_url`.
enum ServeSlackCommand {
    static let signingSecretVariable = "SLACK_SIGNING_SECRET"

    struct Arguments: Sendable, Hashable {
        var port: UInt16 = 3000
        var planPath = PlanArguments.defaultPlanPath
        var globals: GlobalOptions
    }

    static let port = FlagSpec(long: "port", kind: .value(placeholder: "N"), summary: "The loopback port (default 3000; 0 picks a free one)")
    static let plan = FlagSpec(
        long: "plan", kind: .value(placeholder: "FILE"), summary: "The plan whose changes may be approved (default: plan.json; re-read on every request)")

    static let descriptor = CommandDescriptor(
        name: "serve",
        summary: "Receive Slack approval buttons and /ops slash commands",
        usage: "serve slack [--port N] [--plan FILE]",
        discussion: """
            Listens on 127.0.0.1:PORT for Slack's interactivity requests (the Approve and Reject
            buttons of 'opsctl approve --request') and the slash command /ops approve|reject|status ID.
            Point the Slack app's Request URLs at it through a proxy or tunnel. Every request must
            carry a valid X-Slack-Signature made with SLACK_SIGNING_SECRET, no older than five
            minutes; others are answered 401 and change nothing. The Slack user is mapped to an
            e-mail with users.info (SLACK_BOT_TOKEN, scopes users:read and users:read.email), and
            the approval is judged by change-policy.yaml exactly as 'opsctl approve' judges it.
            The first line on standard output is the base URL; it runs until SIGINT or SIGTERM.
            """,
        flags: [port, plan],
        featuredGlobalFlags: [GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
        positionals: [PositionalSpec(name: "service", isRequired: true, summary: "slack")],
        parse: parse,
        run: run
    )

    static func parse(_ input: CommandInput) -> ParseResult<Arguments> {
        var problems: [UsageError] = []
        var arguments = Arguments(globals: input.globals)
        if let given = input.arguments.positionals.first, given.value != "slack" {
            problems.append(UsageError(.unknownCommand("serve \(given.value)"), command: "serve", argumentIndex: given.index, suggestion: "serve slack"))
        }
        if let option = input.arguments.singleOccurrence(of: port, command: "serve", problems: &problems), let text = option.value {
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = UInt16(text) {
                arguments.port = number
            } else {
                problems.append(UsageError(
                    .invalidValue(option: "--port", value: text, reason: "expected a port number from 0 to 65535 (0 picks a free port)"),
                    command: "serve", argumentIndex: option.index))
            }
        }
        if let option = input.arguments.singleOccurrence(of: plan, command: "serve", problems: &problems), let value = option.value {
            arguments.planPath = value
        }
        return ParseResult(arguments, problems: problems)
    }

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        guard let secret = context.environment[signingSecretVariable], !secret.isEmpty else {
            context.report(Diagnostic(
                message: "serve slack needs \(signingSecretVariable), the Slack app's signing secret",
                hint: "copy it from Basic Information → App Credentials in the app's settings and export \(signingSecretVariable)"))
            return .failure
        }
        context.redactor.register(secret: secret)
        guard context.readPlan(arguments.planPath) != nil else { return .failure }
        guard let configuration = ConfigurationInputs.load(arguments.globals, needDesiredState: false, context: context) else { return .failure }
        let runtime = context.resolveRuntime()
        let desk: SlackApprovalDesk
        switch SlackApprovalDesk.make(
            context: runtime.connectorContext, planPath: arguments.planPath, policy: configuration.policy, store: runtime.receiptLog)
        {
        case .success(let made): desk = made
        case .failure(let missing):
            context.report(Diagnostic(message: missing.message, hint: missing.suggestedAction))
            return .failure
        }
        let errors = context.standardError
        let redactor = runtime.redactor
        let quiet = context.globals.verbosity == .quiet
        let receiver = SlackApprovalReceiver(
            signature: SlackRequestSignature(signingSecret: secret), desk: desk, context: runtime.connectorContext,
            reply: { outcome, replacing in redacted(SlackApprovalMessage.reply(outcome, replacingRequest: replacing), redactor) },
            log: { line in if !quiet { errors.write("opsctl: slack: " + TerminalSafeText.sanitized(redactor.redact(line)) + "\n") } }
        )
        let followUps = FollowUps()
        let server = LoopbackHTTPServer(name: "opsctl serve slack", port: arguments.port) { request in
            let acknowledgement = receiver.receive(request)
            if let work = acknowledgement.followUp { followUps.start(work) }
            return acknowledgement.response
        }
        let served = await ServedUntilSignal.serve(start: server.start, stop: server.stop, announcement: { baseURL in
            "opsctl: receiving Slack approvals for \(arguments.planPath) at \(baseURL) (point the app's Request URL here through your proxy); Ctrl-C to stop\n"
        }, context: context)
        guard case .stopped = served else { return .failure }
        await followUps.finish()
        return .success
    }

    /// Every string in a reply passes the redactor: a reply quotes the plan and error texts.
    static func redacted(_ value: JSONValue, _ redactor: Redactor) -> JSONValue {
        switch value {
        case .string(let text): .string(redactor.redact(text))
        case .array(let items): .array(items.map { redacted($0, redactor) })
        case .object(let members): .object(members.mapValues { redacted($0, redactor) })
        default: value
        }
    }
}

/// The work each acknowledged request leaves (deciding it, answering through `response_url`),
/// so stopping the receiver waits for it instead of dropping a receipt half-way.
final class FollowUps: Sendable {
    private struct Running: Sendable {
        var next = 0
        var tasks: [Int: Task<Void, Never>] = [:]
    }

    private let running = Mutex(Running())

    /// Runs `work`; a finished task forgets itself, so a long-running receiver keeps none.
    func start(_ work: @escaping @Sendable () async -> Void) {
        running.withLock { running in
            let id = running.next
            running.next += 1
            running.tasks[id] = Task { [self] in
                await work()
                _ = self.running.withLock { $0.tasks.removeValue(forKey: id) }
            }
        }
    }

    func finish() async {
        for task in running.withLock({ Array($0.tasks.values) }) { await task.value }
    }
}
