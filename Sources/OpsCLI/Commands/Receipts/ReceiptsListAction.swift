import Foundation
import OpsCore
import OpsRender

/// `opsctl receipts list`: the receipts as a table or a JSON array, optionally filtered.
/// It reads each line's shape, not the chain (that is `verify`'s job), and a damaged line is
/// an error rather than a row silently left out.
enum ReceiptsListAction {
    /// The kinds opsctl knows. Kinds are an open set (a newer opsctl may
    /// write others), so an unknown one is listed, with a warning in case it is a typo.
    static let knownKinds: [ReceiptKind] = [.plan, .approve, .reject, .intent, .outcome, .export, .recovery]

    static func run(_ options: ReceiptsArguments.ListOptions, context: CommandContext) -> CommandOutcome {
        if let kind = options.kind, !knownKinds.contains(kind) {
            let names = knownKinds.map(\.rawValue)
            let suggestion = closestMatch(to: kind.rawValue, in: names).map { "did you mean '\($0)'? " } ?? ""
            context.warn(
                "'\(kind.rawValue)' is not a kind of receipt this opsctl writes; listing any receipts of that kind anyway",
                hint: "\(suggestion)Known kinds: \(names.joined(separator: ", "))."
            )
        }

        let log = context.resolveRuntime().receiptLog
        let logExists = (try? log.exists()) ?? false
        let receipts: [Receipt]
        do {
            receipts = try log.list(kind: options.kind, changeID: options.changeID)
        } catch {
            context.report(error)
            return .failure
        }

        let view = ReceiptsView(
            format: ViewFormat(json: options.json, colour: context.standardOutput.colour), errorColour: context.standardError.colour,
            redactor: context.redactor
        )
        context.standardOutput.write(view.list(receipts, logPath: log.location, logExists: logExists, filtered: options.kind != nil || options.changeID != nil))
        return .success
    }
}
