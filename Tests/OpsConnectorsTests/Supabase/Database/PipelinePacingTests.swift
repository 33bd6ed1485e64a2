import Foundation
import Testing

@testable import OpsConnectors

/// A long pipeline's answers are read in batches once the reader has caught up with a slow
/// server; what it reads must be what reading each answer as it comes reads.
@Suite("Pipeline pacing")
struct PipelinePacingTests {
    @Test func shortPipelinesTheFirstGroupsTheLastAndAnswersAlreadyHereAreNotSleptFor() {
        var short = PipelinePacing(groupCount: PipelinePacing.minimumGroups - 1)
        for index in 0..<(PipelinePacing.minimumGroups - 1) {
            #expect(short.sleep(before: index) { Issue.record("a short pipeline asked whether it had caught up"); return true } == .zero)
        }
        var long = PipelinePacing(groupCount: 40)
        #expect(long.sleep(before: 0) { true } == .zero, "no pace is known before the first answer")
        #expect(long.sleep(before: 1) { true } == .zero, "nor before a second")
        #expect(long.sleep(before: 5) { false } == .zero, "answers already here are read at once")
        #expect(long.sleep(before: 39) { true } == .zero, "the last group is waited for")
    }

    @Test func aSleepLastsAFewGroupsAtTheServersPaceAndNeverPastTheLastGroup() {
        var pacing = PipelinePacing(groupCount: 40)
        // However long the first answer took (a distant server's round trip), the pace is
        // counted from it.
        Thread.sleep(forTimeInterval: 0.03)
        _ = pacing.sleep(before: 0) { true }
        _ = pacing.sleep(before: 1) { true }
        Thread.sleep(forTimeInterval: 0.004)
        // At least 4 ms for one group: eight groups' worth, held to the longest sleep.
        #expect(pacing.sleep(before: 2) { true } == PipelinePacing.longestSleep)
        // 37 groups in at least 4 ms and far less than 30 ms: one group after this one, so
        // one group's time, not the first answer's wait.
        let nearTheEnd = pacing.sleep(before: 38) { true }
        #expect(nearTheEnd > .zero && nearTheEnd < .milliseconds(4))
    }

    @Test func aFastServersAnswersAreNotSleptForHoweverLongTheFirstTook() {
        var pacing = PipelinePacing(groupCount: 40)
        Thread.sleep(forTimeInterval: 0.03)
        _ = pacing.sleep(before: 0) { true }
        _ = pacing.sleep(before: 1) { true }
        // Answers a few microseconds apart after a first that took 30 ms.
        let sleep = pacing.sleep(before: 2) { true }
        #expect(sleep < .milliseconds(5), "counted from before the first answer, the pace would have made it \(PipelinePacing.longestSleep)")
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
