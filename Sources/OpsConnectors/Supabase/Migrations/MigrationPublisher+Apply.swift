import Foundation
import OpsCore

extension MigrationPublisher {
    /// Delivers the SQL for a batch of database changes as one pull request and answers for
    /// each change, in order, as `Connector.apply(batch:)` must: all of them proposed in the
    /// pull request (they travel together, so they succeed together; nothing is applied until
    /// someone merges it), or all failed with the same diagnostic.
    func deliver(sql: String, changes: [Change], slug: String? = nil, createdAt: Date) async -> [ApplyResponse] {
        do throws(MigrationPublishError) {
            let proposal = try MigrationProposal(sql: sql, changes: changes, slug: slug, createdAt: createdAt)
            let pull = try await publish(proposal)
            return changes.map { change in
                .proposed(location: pull.htmlURL, detail: pull.proposal)
            }
        } catch {
            return changes.map { _ in .failed(error.diagnostic) }
        }
    }
}
