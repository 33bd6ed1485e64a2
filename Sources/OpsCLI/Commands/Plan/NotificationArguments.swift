import OpsCore

/// `--notify slack|webhook:URL` (repeatable) and `--notify-on drift|always`, shared by `plan`
/// and `apply`.
struct NotificationArguments: Sendable, Hashable {
    var targets: [NotificationTarget] = []
    var trigger: NotificationTrigger = .drift

    enum Flags {
        static let notify = FlagSpec(
            long: "notify", kind: .value(placeholder: "TARGET"),
            summary: "Send a summary to slack (the approval channel) or webhook:URL (signed JSON); may be repeated"
        )
        static let notifyOn = FlagSpec(
            long: "notify-on", kind: .value(placeholder: "WHEN"),
            summary: "drift (default: only with changes or failing checks) or always"
        )
    }

    static func parse(_ arguments: ScannedArguments, command: String, problems: inout [UsageError]) -> NotificationArguments {
        var parsed = NotificationArguments()
        for option in arguments.occurrences(of: Flags.notify) {
            guard let value = option.value else { continue }
            switch NotificationTarget.parse(value) {
            case .success(let target):
                if !parsed.targets.contains(target) { parsed.targets.append(target) }
            case .failure(let problem):
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: problem.reason), command: command, argumentIndex: option.index,
                    suggestion: value.hasPrefix("http") ? "webhook:\(value)" : nil
                ))
            }
        }
        if let option = arguments.singleOccurrence(of: Flags.notifyOn, command: command, problems: &problems), let value = option.value {
            if let trigger = NotificationTrigger(rawValue: value) {
                parsed.trigger = trigger
            } else {
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: "expected drift or always"), command: command,
                    argumentIndex: option.index, suggestion: closestMatch(to: value, in: NotificationTrigger.allCases.map(\.rawValue))
                ))
            }
        }
        return parsed
    }
}
