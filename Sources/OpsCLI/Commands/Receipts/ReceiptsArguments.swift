import OpsCore

/// `opsctl receipts verify|list|repair|init|export|import ...` as a value. The action is a positional argument
/// because the command table has one entry per top-level command; each action accepts only
/// its own options.
enum ReceiptsArguments: Sendable, Hashable {
    case verify(VerifyOptions)
    case list(ListOptions)
    case repair
    case initialize(InitOptions)
    case export(ExportOptions)
    case importLog(path: String)

    struct InitOptions: Sendable, Hashable {
        /// A role to grant what an appender needs (insert and select on receipts, no update or delete).
        var grantTo: String?
    }

    struct ExportOptions: Sendable, Hashable {
        var outPath: String
        var force = false
    }

    struct VerifyOptions: Sendable, Hashable {
        /// From `--expect-head`; nil lets the checkpoint beside the log stand in.
        var expectHead: ExpectedHead?
        /// `--bundle FILE`: check an export bundle instead of (and against) the log.
        var bundle: String?
        var json = false
        /// `--approvals`: also re-verify every signed approval against allowed_signers.
        var approvals = false
    }

    struct ListOptions: Sendable, Hashable {
        var kind: ReceiptKind?
        var changeID: String?
        var json = false
    }

    enum Action: String, Sendable, CaseIterable {
        case verify, list, repair
        case initialize = "init"
        case export
        case importLog = "import"

        var flags: [FlagSpec] {
            switch self {
            case .verify: [Flags.expectHead, Flags.bundle, Flags.approvals, Flags.json]
            case .list: [Flags.kind, Flags.change, Flags.json]
            case .repair, .importLog: []
            case .initialize: [Flags.grantTo]
            case .export: [Flags.out, Flags.force]
            }
        }
    }

    enum Flags {
        static let expectHead = FlagSpec(
            long: "expect-head", kind: .value(placeholder: "HASH"),
            summary: "verify: an entry that must still be there (HASH, SEQ:HASH or 'SEQ sha256:HASH'); default: the checkpoint beside the log"
        )
        static let bundle = FlagSpec(
            long: "bundle", kind: .value(placeholder: "FILE"),
            summary: "verify: check an export bundle, its receipts as a chain segment and against the log"
        )
        static let kind = FlagSpec(
            long: "kind", kind: .value(placeholder: "K"),
            summary: "list: only receipts of this kind (plan, approve, reject, intent, outcome, export, recovery ...)"
        )
        static let change = FlagSpec(
            long: "change", kind: .value(placeholder: "ID"),
            summary: "list: only receipts about this change ID"
        )
        static let approvals = FlagSpec(
            long: "approvals",
            summary: "verify: also re-verify every signed approval against change-policy.yaml's allowedSigners"
        )
        static let json = FlagSpec(long: "json", summary: "verify, list: print one JSON document on standard output")
        static let grantTo = FlagSpec(
            long: "grant-to", kind: .value(placeholder: "ROLE"),
            summary: "init: grant ROLE what an appender needs (select and insert on receipts; no update or delete)"
        )
        static let out = FlagSpec(
            long: "out", kind: .value(placeholder: "FILE"), summary: "export: the JSONL file to write (required)"
        )
        static let force = FlagSpec(long: "force", summary: "export: replace FILE if it exists")

        static let all = [expectHead, bundle, approvals, kind, change, json, grantTo, out, force]
    }

    static let command = "receipts"

    static func parse(_ input: CommandInput) -> ParseResult<ReceiptsArguments> {
        // The generic layer has already refused a missing action; this keeps parse total.
        guard let given = input.arguments.positionals.first else {
            return ParseResult(.repair, problems: [UsageError(.missingArgument("action"), command: command)])
        }
        guard let action = Action(rawValue: given.value) else {
            let suggestion = closestMatch(to: given.value, in: Action.allCases.map(\.rawValue))
            return ParseResult(.repair, problems: [UsageError(
                .unknownCommand("\(command) \(given.value)"),
                command: command,
                argumentIndex: given.index,
                suggestion: suggestion.map { "\(command) \($0)" }
            )])
        }

        var problems: [UsageError] = []
        for option in input.arguments.options where isForeign(option.flag, to: action) {
            problems.append(UsageError(
                .conflictingOptions(option.spelling, "\(command) \(action.rawValue)"),
                command: command,
                argumentIndex: option.index
            ))
        }
        let json = input.arguments.contains(Flags.json)
        // Only import takes a second positional (its FILE).
        if action != .importLog, let extra = input.arguments.positionals.dropFirst().first {
            problems.append(UsageError(.unexpectedArgument(extra.value), command: command, argumentIndex: extra.index))
        }

        switch action {
        case .verify:
            var options = VerifyOptions(json: json, approvals: input.arguments.contains(Flags.approvals))
            if let option = input.arguments.singleOccurrence(of: Flags.expectHead, command: command, problems: &problems),
                let value = option.value
            {
                if let head = expectedHead(from: value) {
                    options.expectHead = head
                } else {
                    problems.append(UsageError(
                        .invalidValue(
                            option: option.spelling, value: value,
                            reason: "expected a head as `receipts verify` prints it: 64 hex digits, optionally 'sha256:' before them and the seq with ':' or a space in front"
                        ),
                        command: command, argumentIndex: option.index
                    ))
                }
            }
            options.bundle = nonEmptyValue(of: Flags.bundle, in: input.arguments, problems: &problems)
            return ParseResult(.verify(options), problems: problems)
        case .list:
            var options = ListOptions(json: json)
            if let value = nonEmptyValue(of: Flags.kind, in: input.arguments, problems: &problems) {
                options.kind = ReceiptKind(rawValue: value)
            }
            options.changeID = nonEmptyValue(of: Flags.change, in: input.arguments, problems: &problems)
            return ParseResult(.list(options), problems: problems)
        case .repair:
            return ParseResult(.repair, problems: problems)
        case .initialize:
            let role = nonEmptyValue(of: Flags.grantTo, in: input.arguments, problems: &problems)
            return ParseResult(.initialize(InitOptions(grantTo: role)), problems: problems)
        case .export:
            let out = nonEmptyValue(of: Flags.out, in: input.arguments, problems: &problems)
            if out == nil, !problems.contains(where: { _ in true }) {
                problems.append(UsageError(.missingArgument("--out FILE"), command: command))
            }
            return ParseResult(
                .export(ExportOptions(outPath: out ?? "", force: input.arguments.contains(Flags.force))), problems: problems)
        case .importLog:
            guard let file = input.arguments.positionals.dropFirst().first, !file.value.isEmpty else {
                problems.append(UsageError(.missingArgument("FILE"), command: command))
                return ParseResult(.importLog(path: ""), problems: problems)
            }
            return ParseResult(.importLog(path: file.value), problems: problems)
        }
    }

    /// Reads `HASH`, `SEQ:HASH`, `SEQ HASH`, each also with `sha256:` before the hash, so
    /// that the head `verify` prints (`seq 4 sha256:…`) can be pasted back as it is.
    static func expectedHead(from text: String) -> ExpectedHead? {
        ExpectedHead(parsing: text.lowercased().replacing("sha256:", with: ""))
    }

    /// An option of this command that belongs to another of its actions.
    private static func isForeign(_ flag: FlagSpec, to action: Action) -> Bool {
        Flags.all.contains { $0.long == flag.long } && !action.flags.contains { $0.long == flag.long }
    }

    private static func nonEmptyValue(of flag: FlagSpec, in arguments: ScannedArguments, problems: inout [UsageError]) -> String? {
        guard let option = arguments.singleOccurrence(of: flag, command: command, problems: &problems), let value = option.value else {
            return nil
        }
        guard !value.isEmpty else {
            problems.append(UsageError(
                .invalidValue(option: option.spelling, value: value, reason: "it must not be empty"),
                command: command, argumentIndex: option.index
            ))
            return nil
        }
        return value
    }
}
