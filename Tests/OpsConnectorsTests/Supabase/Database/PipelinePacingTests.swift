import Foundation
import Testing

@testable import OpsConnectors

/// A long pipeline's answers are read in batches once the reader has caught up with a slow
/// server; what it reads must be what reading each answer as it comes reads.
@Suite("Pipeline pacing")
struct PipelinePacingTests {
    @Test func shortPipelinesTheFirstAndTheLastGroupAndAnswersAlreadyHereAreNotSleptFor() {
        let short = PipelinePacing(groupCount: PipelinePacing.minimumGroups - 1)
        #expect(short.sleep(before: 5) { Issue.record("a short pipeline asked whether it had caught up"); return true } == .zero)
        let long = PipelinePacing(groupCount: 40)
        #expect(long.sleep(before: 0) { true } == .zero, "no pace is known before the first answer")
        #expect(long.sleep(before: 39) { true } == .zero, "the last group is waited for")
        #expect(long.sleep(before: 5) { false } == .zero, "answers already here are read at once")
    }

    @Test func aSleepLastsAFewGroupsAtTheServersPaceAndNeverPastTheLastGroup() {
        let pacing = PipelinePacing(groupCount: 40)
        Thread.sleep(forTimeInterval: 0.004)
        // At least 4 ms for one group: eight groups' worth, held to the longest sleep.
        #expect(pacing.sleep(before: 1) { true } == PipelinePacing.longestSleep)
        // Thirty groups in at least 4 ms: one group left after this one, so one group's time.
        let nearTheEnd = pacing.sleep(before: 38) { true }
        #expect(nearTheEnd > .zero && nearTheEnd < .milliseconds(4))
    }

    @Test func aSlowServersLongPipelineIsReadWholeAndInOrder() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        // Each group takes the server a few milliseconds, as a table's copy does; one fails.
        let groups = (0..<40).map { number in
            number == 20
                ? [PostgresStatement(sql: "select pg_catalog.pg_sleep(0.003), 1/0"), PostgresStatement(sql: "select 2")]
                : [PostgresStatement(sql: "select pg_catalog.pg_sleep(0.003), $1::int as n", parameters: ["\(number)"])]
        }
        let results = try connection.pipeline(groups)
        #expect(results.count == groups.count)
        for (number, group) in results.enumerated() where number != 20 {
            guard case .rows(let rows) = group.first else { Issue.record("group \(number) did not answer"); continue }
            #expect(rows.rows.first?["n"] == "\(number)")
        }
        guard case .failed(let error) = results[20].first else { Issue.record("division by zero succeeded"); return }
        #expect(error.sqlState == "22012")
        #expect(results[20].last == .skipped)
        #expect(try connection.query("select 'usable' as state").rows.first?["state"] == "usable")
    }
}
