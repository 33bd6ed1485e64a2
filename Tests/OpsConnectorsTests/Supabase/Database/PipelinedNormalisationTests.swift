import OpsCore
import Testing

@testable import OpsConnectors

/// Tables that need a copy of their own are built and read in pipelines, a batch of tables a
/// round trip, and the catalog is read in one; the answers must be the ones a statement at a
/// time gives, refusals included.
@Suite("Pipelined normalisation")
struct PipelinedNormalisationTests {
    /// Every declared table's answer, in the order asked.
    static func answers(
        _ tables: [SupabaseTable], on connection: PostgresConnection, pipelining: Bool
    ) throws -> [NormalisedTable] {
        let schemas = Array(Set(tables.map(\.schema))).sorted()
        let actual = try SchemaReader(connection: connection).read(schemas: schemas)
        var normaliser = DesiredSchemaNormaliser(connection: connection)
        normaliser.sharingDefinitions = false
        normaliser.pipelining = pipelining
        return try normaliser.normalising(tables, actual: actual) { normalise throws(PostgresError) in
            var answers: [NormalisedTable] = []
            for table in tables { answers.append(try normalise(table)) }
            return answers
        }
    }

    @Test func aProjectsTablesReadTheSameEitherWay() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: SupabaseProjectFixture.sql).connect()
        #expect(connection.canPipeline)
        let tables = SupabaseProjectFixture.desired(prune: false).tables
        #expect(tables.contains { !$0.rlsPolicies.isEmpty } && tables.contains { !$0.indexes.isEmpty } && tables.contains { !$0.triggers.isEmpty })
        let pipelined = try Self.answers(tables, on: connection, pipelining: true)
        let oneByOne = try Self.answers(tables, on: connection, pipelining: false)
        #expect(pipelined == oneByOne)
        #expect(pipelined.allSatisfy { $0.problem == nil && $0.policyProblems.isEmpty && $0.indexProblems.isEmpty })
        #expect(pipelined.contains { !$0.policyExpressions.isEmpty } && pipelined.contains { !$0.indexes.isEmpty })
    }

    @Test func aRefusalInABatchIsToldApartAndItsNeighboursAreAnswered() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: SupabaseFixture.sql).connect()
        var tables = SupabaseFixture.desired(prune: false).tables
        tables[1].rlsPolicies.append(RLSPolicy(name: "broken", command: .select, using: "no_such_column = 1"))
        tables[2].columns[1].type = "no_such_type"
        // More tables than one pipeline takes, each with a policy, so batches follow one another.
        for number in 0...DesiredSchemaNormaliser.pipelinedTables {
            tables.append(SupabaseTable(
                name: "extra_\(number)", columns: [SupabaseColumn(name: "owner", type: "uuid")],
                rlsPolicies: [RLSPolicy(name: "own rows", command: .select, using: "owner = owner")]
            ))
        }
        let pipelined = try Self.answers(tables, on: connection, pipelining: true)
        let oneByOne = try Self.answers(tables, on: connection, pipelining: false)
        #expect(pipelined == oneByOne)
        #expect(pipelined[1].policyProblems["broken"]?.contains("no_such_column") == true)
        #expect(pipelined[1].policyExpressions.count == tables[1].rlsPolicies.count - 1, "the table's other policies are read")
        #expect(pipelined[2].problem?.contains("no_such_type") == true)
        #expect(pipelined[3...].allSatisfy { $0.problem == nil && $0.policyProblems.isEmpty })
        #expect(pipelined.last?.policyExpressions["own rows"]?.using == "(owner = owner)")
    }

    @Test func onlyTablesWithARefusalLeaveThePipeline() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: SupabaseFixture.sql).connect()
        var tables = SupabaseFixture.desired(prune: false).tables
        tables[1].rlsPolicies.append(RLSPolicy(name: "broken", command: .select, using: "no_such_column = 1"))
        let answered = try connection.rolledBackTransaction { connection throws(PostgresError) in
            _ = try connection.query("savepoint opsctl_normalise_table")
            let scripts = tables.map { TableCopyScript($0, actual: nil, realOID: nil, triggerFunctions: []) }
            return try DesiredSchemaNormaliser(connection: connection)
                .normalisePipelined(scripts, realNames: scripts.map { _ in nil }, on: connection)
                .map { $0 != nil }
        }
        #expect(answered == tables.indices.map { $0 != 1 })
    }

    @Test func declaredFunctionsReadTheSameEitherWay() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: SupabaseProjectFixture.sql).connect()
        var functions = SupabaseProjectFixture.desired(prune: false).functions
        #expect(!functions.isEmpty)
        functions.insert(SupabaseFunction(name: "broken", returns: "no_such_type", language: "sql", body: "select 1"), at: 1)
        var oneByOne = DesiredSchemaNormaliser(connection: connection)
        oneByOne.pipelining = false
        let pipelined = try DesiredSchemaNormaliser(connection: connection).normalise(functions)
        #expect(pipelined == (try oneByOne.normalise(functions)))
        #expect(pipelined.count == functions.count)
        guard case .problem(let problem) = pipelined[1] else { Issue.record("the broken function was accepted"); return }
        #expect(problem.contains("no_such_type"))
        #expect(pipelined.enumerated().allSatisfy { index, answer in
            if case .function = answer { index != 1 } else { index == 1 }
        }, "the functions after the refused one are read")
    }

    @Test func theCatalogReadsTheSameInOneRoundTrip() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: SupabaseProjectFixture.sql).connect()
        let schemas = ["auth", "public", "storage"]
        var oneByOne = SchemaReader(connection: connection)
        oneByOne.pipelining = false
        let pipelined = try SchemaReader(connection: connection).read(schemas: schemas)
        #expect(pipelined == (try oneByOne.read(schemas: schemas)))
        #expect(!pipelined.tables.isEmpty && !pipelined.functions.isEmpty && !pipelined.enums.isEmpty)
        #expect(pipelined.tables.contains { !$0.policies.isEmpty && !$0.indexes.isEmpty && !$0.triggers.isEmpty })
        let one = try SchemaReader(connection: connection).read(schemas: ["public"], table: "documents")
        #expect(one.tables.map(\.name) == ["documents"])
    }

    @Test func aFailedQueryFailsTheWholeAndLeavesTheConnectionUsable() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        var handled: [Int] = []
        #expect(throws: PostgresError.self) {
            try connection.queries([
                PostgresStatement(sql: "select 1 as n"),
                PostgresStatement(sql: "select * from no_such_table"),
                PostgresStatement(sql: "select 3 as n"),
            ]) { index, _ throws(PostgresError) in handled.append(index) }
        }
        #expect(handled == [0])
        // A failure of the handler is thrown once every answer is read.
        #expect(throws: PostgresError.self) {
            try connection.queries([PostgresStatement(sql: "select 1 as n"), PostgresStatement(sql: "select 2 as n")]) { _, _ throws(PostgresError) in
                throw .unexpectedResult("refused by the test")
            }
        }
        #expect(try connection.query("select 'usable' as state").rows.first?["state"] == "usable")
    }

    @Test func aConnectionLostMidPipelineIsAnErrorNotACrash() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let error = #expect(throws: PostgresError.self) {
            _ = try connection.pipeline([
                [PostgresStatement(sql: "select 1 as n")],
                [PostgresStatement(sql: "select pg_catalog.pg_terminate_backend(pg_catalog.pg_backend_pid())")],
                [PostgresStatement(sql: "select 3 as n")],
            ])
        }
        #expect(error != nil)
        #expect(throws: PostgresError.self) { _ = try connection.query("select 1") }
    }

    @Test func aFailureSkipsTheRestOfItsGroupOnly() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let results = try connection.pipeline([
            [PostgresStatement(sql: "select $1::int + 1 as n", parameters: ["41"])],
            [PostgresStatement(sql: "select 1/0"), PostgresStatement(sql: "select 2")],
            [PostgresStatement(sql: "select 'after' as word")],
        ])
        #expect(results.count == 3)
        guard case .rows(let first) = results[0].first else { Issue.record("the first group failed"); return }
        #expect(first.rows.first?["n"] == "42")
        guard case .failed(let error) = results[1].first else { Issue.record("division by zero succeeded"); return }
        #expect(error.sqlState == "22012")
        #expect(results[1].last == .skipped)
        guard case .rows(let last) = results[2].first else { Issue.record("the last group was skipped"); return }
        #expect(last.rows.first?["word"] == "after")
        #expect(try connection.query("select 'usable' as state").rows.first?["state"] == "usable", "the connection leaves pipeline mode")
    }
}
