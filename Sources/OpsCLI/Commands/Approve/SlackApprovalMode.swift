/// `approve --request` or `approve --wait`, with the options of waiting.
enum SlackApprovalMode: Sendable, Hashable {
    case request
    case wait(WaitOptions)

    struct WaitOptions: Sendable, Hashable {
        var timeoutSeconds: Double = 600
        var pollSeconds: Double = 5
        var approveEmoji = "white_check_mark"
        var rejectEmoji = "x"
    }
}

extension VerdictCommand {
    /// `--request`, `--wait` and the options of waiting; each conflicts with signing, and
    /// only `--request` takes several changes.
    static func parseSlack(_ input: CommandInput, into arguments: inout Arguments, problems: inout [UsageError]) {
        let name = "approve"
        let requesting = input.arguments.singleOccurrence(of: request, command: name, problems: &problems) != nil
        let waiting = input.arguments.singleOccurrence(of: wait, command: name, problems: &problems) != nil
        var options = SlackApprovalMode.WaitOptions()
        var waitOptionGiven: String?
        for (flag, apply) in [
            (timeout, { (text: String) -> Bool in Double(text).map { options.timeoutSeconds = $0; return $0 > 0 } ?? false }),
            (poll, { (text: String) -> Bool in Double(text).map { options.pollSeconds = $0; return $0 > 0 } ?? false }),
            (emoji, { (text: String) -> Bool in options.approveEmoji = text.trimmingCharacters(in: [":"]); return !options.approveEmoji.isEmpty }),
            (rejectEmoji, { (text: String) -> Bool in options.rejectEmoji = text.trimmingCharacters(in: [":"]); return !options.rejectEmoji.isEmpty }),
        ] {
            guard let option = input.arguments.singleOccurrence(of: flag, command: name, problems: &problems), let text = option.value else { continue }
            waitOptionGiven = flag.longName
            if !apply(text) {
                problems.append(UsageError(.invalidValue(option: flag.longName, value: text, reason: "expected a positive number of seconds or an emoji name"),
                                           command: name, argumentIndex: option.index))
            }
        }
        let extra = input.arguments.positionals.dropFirst().map(\.value)
        if requesting, waiting {
            problems.append(UsageError(.conflictingOptions("--request", "--wait"), command: name))
        } else if requesting {
            arguments.slack = .request
            arguments.moreChangeIDs = Array(extra)
        } else if waiting {
            arguments.slack = .wait(options)
        }
        if let given = waitOptionGiven, !waiting {
            problems.append(UsageError(.conflictingOptions(given, "an approval without --wait"), command: name))
        }
        if !requesting, let first = input.arguments.positionals.dropFirst().first {
            problems.append(UsageError(.unexpectedArgument(first.value), command: name, argumentIndex: first.index))
        }
        if arguments.slack != nil, arguments.signing != nil {
            problems.append(UsageError(.conflictingOptions("--sign", requesting ? "--request" : "--wait"), command: name))
        }
    }
}
