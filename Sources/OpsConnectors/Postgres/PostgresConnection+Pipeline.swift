internal import CLibPQ
import Foundation

/// One statement with its bound text parameters, for a pipeline; `location` places a
/// script's statement for its error.
struct PostgresStatement: Sendable, Equatable {
    var sql: String
    var parameters: [String?] = []
    var location: PostgresConnection.ScriptStatement? = nil
}

/// What one pipelined statement came to.
enum PipelinedResult: Sendable, Equatable {
    case rows(PostgresRows)
    case failed(PostgresError.ServerError)
    /// Not run: an earlier statement of its group failed.
    case skipped
}

extension PostgresConnection {
    /// Whether libpq has pipeline mode (14 and later).
    var canPipeline: Bool { pq.enterPipelineMode != nil }

    /// Runs groups of statements in libpq's pipeline mode: every statement is sent before any
    /// answer is read, so the groups cost one round trip where one at a time cost one each (a
    /// remote database is tens of milliseconds away). Each group ends in a sync, so a failure
    /// skips the rest of its own group only. Results come back per group, per statement.
    ///
    /// libpq reads while it writes when the socket is full, so a long pipeline cannot deadlock
    /// against a server waiting to send its answers.
    func pipeline(_ groups: [[PostgresStatement]]) throws(PostgresError) -> [[PipelinedResult]] {
        var results: [[PipelinedResult]] = []
        results.reserveCapacity(groups.count)
        try pipeline(groups) { _, groupResults throws(PostgresError) in results.append(groupResults) }
        return results
    }

    /// The same, handing each group's results to `receive` (with the group's index) as soon as
    /// they are read, so a caller that reduces them as they come never holds every answer at
    /// once (the catalog reading of 10,000 tables).
    func pipeline(
        _ groups: [[PostgresStatement]], _ receive: (Int, [PipelinedResult]) throws(PostgresError) -> Void
    ) throws(PostgresError) {
        guard let enter = pq.enterPipelineMode, let exit = pq.exitPipelineMode, let sync = pq.pipelineSync else {
            throw .protocolFailure("this libpq has no pipeline mode (libpq 14 or later has)")
        }
        guard enter(handle) == 1 else { throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq))) }
        // Exiting fails while answers are unread, which happens only on a broken connection:
        // a failure of `receive` is kept until every answer has been read.
        defer { _ = exit(handle) }
        var handlerFailure: PostgresError?
        for group in groups {
            for statement in group { try send(statement) }
            guard sync(handle) == 1 else { throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq))) }
        }
        var pacing = PipelinePacing(groupCount: groups.count)
        for (index, group) in groups.enumerated() {
            // Caught up: nothing of this group's answers is here whole, even after reading what
            // the socket holds. A failed read is left to `getResult` to report.
            pacing.pause(before: index) { pq.isBusy(handle) == 1 && pq.consumeInput(handle) == 1 && pq.isBusy(handle) == 1 }
            var groupResults: [PipelinedResult] = []
            groupResults.reserveCapacity(group.count)
            for statement in group {
                guard let result = pq.getResult(handle) else {
                    throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq)))
                }
                switch pq.resultStatus(result) {
                case PGRES_PIPELINE_ABORTED: groupResults.append(.skipped)
                case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: groupResults.append(.rows(PostgresRows(columns: [], values: [])))
                case PGRES_TUPLES_OK: groupResults.append(.rows(Self.rows(of: result, pq: pq)))
                default: groupResults.append(.failed(serverError(result, sql: statement.sql, location: statement.location)))
                }
                pq.clear(result)
                // Each statement's answers end with a null result.
                if let extra = pq.getResult(handle) {
                    pq.clear(extra)
                    throw .protocolFailure("the server sent more than one result for one pipelined statement")
                }
            }
            guard let synced = pq.getResult(handle) else { throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq))) }
            let status = pq.resultStatus(synced)
            pq.clear(synced)
            guard status == PGRES_PIPELINE_SYNC else {
                throw .protocolFailure("expected the end of a pipelined group, got status \(status.rawValue)")
            }
            guard handlerFailure == nil else { continue }
            do {
                try receive(index, groupResults)
            } catch {
                handlerFailure = error
            }
        }
        if let handlerFailure { throw handlerFailure }
    }

    /// `pipeline`'s answers, in one round trip when libpq can pipeline (and `pipelining`, off
    /// only in tests), else a statement at a time with the same meaning: a failure skips the
    /// rest of its group.
    func run(
        _ groups: [[PostgresStatement]], pipelining: Bool = true, _ receive: (Int, [PipelinedResult]) throws(PostgresError) -> Void
    ) throws(PostgresError) {
        if pipelining, canPipeline {
            try pipeline(groups, receive)
            return
        }
        for (index, group) in groups.enumerated() {
            var results: [PipelinedResult] = []
            var failed = false
            for statement in group {
                if failed {
                    results.append(.skipped)
                    continue
                }
                do {
                    results.append(.rows(try query(statement)))
                } catch .statementFailed(let error) {
                    results.append(.failed(error))
                    failed = true
                }
            }
            try receive(index, results)
        }
    }

    /// Statements each in a group of its own, whose answers every caller needs (a failure is
    /// the failure of the whole): the rows of each in turn to `receive`, in one round trip when
    /// libpq can pipeline.
    func queries(
        _ statements: [PostgresStatement], pipelining: Bool = true, _ receive: (Int, PostgresRows) throws(PostgresError) -> Void
    ) throws(PostgresError) {
        try run(statements.map { [$0] }, pipelining: pipelining) { index, results throws(PostgresError) in
            switch results.first {
            case .rows(let rows): try receive(index, rows)
            case .failed(let error): throw .statementFailed(error)
            case .skipped, nil: throw .protocolFailure("a pipelined statement was not run")
            }
        }
    }

    /// `rolledBackTransaction` whose first statements go with its `BEGIN` in one round trip;
    /// `body` gets their rows, in order.
    func rolledBackTransaction<T>(
        opening statements: [PostgresStatement], pipelining: Bool = true, _ body: (PostgresConnection, [PostgresRows]) throws(PostgresError) -> T
    ) throws(PostgresError) -> T {
        defer { rollbackQuietly() }
        var opened: [PostgresRows] = []
        try queries([PostgresStatement(sql: "begin")] + statements, pipelining: pipelining) { index, rows throws(PostgresError) in
            if index > 0 { opened.append(rows) }
        }
        return try body(self, opened)
    }

    private func send(_ statement: PostgresStatement) throws(PostgresError) {
        let sent = withTextParameters(statement.parameters) { count, values in
            pq.sendQueryParams(handle, statement.sql, count, nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq))) }
    }
}
