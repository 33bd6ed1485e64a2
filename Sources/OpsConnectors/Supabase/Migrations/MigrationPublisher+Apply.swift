import Foundation
import OpsCore

extension MigrationPublisher {
    /// Delivers the SQL for a batch of database changes as one pull request and answers for
    /// each change, in order, as `Connector.apply(batch:)` must: all of them applied with the
    /// pull request as `after` (they travel together, so they succeed together), or all failed
    /// with the same diagnostic.
    func deliver(sql: String, changes: [Change], slug: String? = nil, createdAt: Date) async -> [ApplyResponse] {
        do throws(MigrationPublishError) {
            let proposal = try MigrationProposal(sql: sql, changes: changes, slug: slug, createdAt: createdAt)
            let pull = try await publish(proposal)
            return changes.map { change in
                .applied(before: change.before, after: pull.json, detail: "\(pull.summary) for \(change.id)")
            }
        } catch {
            return changes.map { _ in .failed(error.diagnostic) }
        }
    }
}
