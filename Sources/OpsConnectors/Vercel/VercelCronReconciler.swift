import Foundation
import OpsCore

/// Compares `vercel.crons` with the definitions of the project's current production deployment.
/// Crons are defined only in the repository's `vercel.json` and change only by deploying it
/// (docs/services/vercel.md, "Crons"), so a mismatch is a failing check whose suggested action is
/// the exact `crons` array to put there, never a change opsctl could apply.
enum VercelCronReconciler {
    static func checks(desired: [VercelCron], deployed: VercelProjectBody.Crons?) -> [Check] {
        guard !desired.isEmpty else { return [] }
        let definitions = deployed?.definitions ?? []
        let edit = suggestedEdit(desired)
        var checks: [Check] = []
        for cron in desired {
            let atPath = definitions.filter { $0.path == cron.path }
            let id = "vercel.cron.\(cron.path)"
            let name = "cron \(cron.path)"
            if atPath.contains(where: { $0.schedule == cron.schedule }) {
                checks.append(Check(
                    id: id, scope: .vercel, name: name, status: .pass,
                    message: "the cron \(cron.path) is deployed with schedule \"\(cron.schedule)\"", source: cron.location
                ))
            } else if let other = atPath.first {
                checks.append(Check(
                    id: id, scope: .vercel, name: name, status: .fail,
                    message: "the cron \(cron.path) runs on \"\(other.schedule)\" in Vercel, not \"\(cron.schedule)\"",
                    suggestedAction: edit, source: cron.location
                ))
            } else {
                checks.append(Check(
                    id: id, scope: .vercel, name: name, status: .fail,
                    message: "the cron \(cron.path) is not deployed", suggestedAction: edit, source: cron.location
                ))
            }
        }
        let declared = Set(desired.map(\.path))
        let undeclared = definitions.filter { !declared.contains($0.path) }
        if !undeclared.isEmpty {
            let list = undeclared.map { "\($0.path) (\"\($0.schedule)\")" }.joined(separator: ", ")
            checks.append(Check(
                id: "vercel.crons.undeclared", scope: .vercel, name: "undeclared crons", status: .fail,
                message: "Vercel runs crons desired-state.yaml does not declare: \(list)",
                suggestedAction: "declare them in vercel.crons, or remove them from vercel.json: " + edit
            ))
        }
        if let deployed, let disabledAt = deployed.disabledAt {
            checks.append(Check(
                id: "vercel.crons.enabled", scope: .vercel, name: "crons enabled", status: .fail,
                message: "cron jobs are disabled for the project (since \(timestamp(milliseconds: disabledAt))), so none of them runs",
                suggestedAction: "enable Cron Jobs in the project's settings on vercel.com; the API cannot do it"
            ))
        }
        return checks
    }

    /// The `vercel.json` edit that deploys exactly the declared crons, in declared order.
    static func suggestedEdit(_ desired: [VercelCron]) -> String {
        let array = JSONValue.array(desired.map { .object(["path": .string($0.path), "schedule": .string($0.schedule)]) })
        return "set \"crons\" in vercel.json to \(JSONWriter.canonical(array)) and deploy to production"
    }

    private static func timestamp(milliseconds: Double) -> String {
        UTCTime(Date(timeIntervalSince1970: milliseconds / 1000)).rfc3339
    }
}
