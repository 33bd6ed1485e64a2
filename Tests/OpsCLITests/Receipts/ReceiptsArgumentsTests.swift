import OpsCore
import Testing
@testable import OpsCLI

/// `receipts`' value and usage errors, parsed without I/O.
struct ReceiptsArgumentsTests {
    static let hash = String(repeating: "0123456789abcdef", count: 4)

    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: ReceiptsArguments
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(arguments: ["receipts", "verify"], expected: .verify(.init())),
        Row(arguments: ["receipts", "verify", "--json"], expected: .verify(.init(json: true))),
        Row(arguments: ["receipts", "verify", "--expect-head", hash], expected: .verify(.init(expectHead: ExpectedHead(hash: hash)))),
        Row(arguments: ["receipts", "verify", "--expect-head=7:\(hash)"], expected: .verify(.init(expectHead: ExpectedHead(seq: 7, hash: hash)))),
        Row(arguments: ["receipts", "verify", "--expect-head", "7 sha256:\(hash.uppercased())"], expected: .verify(.init(expectHead: ExpectedHead(seq: 7, hash: hash)))),
        Row(arguments: ["receipts", "list"], expected: .list(.init())),
        Row(arguments: ["receipts", "list", "--kind", "approve", "--change=github.label.a", "--json"],
            expected: .list(.init(kind: .approve, changeID: "github.label.a", json: true))),
        Row(arguments: ["receipts", "list", "--kind", "rollback"], expected: .list(.init(kind: "rollback"))),
        Row(arguments: ["--receipts", "x.jsonl", "receipts", "repair"], expected: .repair),
        Row(arguments: ["receipts", "init"], expected: .initialize(.init())),
        Row(arguments: ["receipts", "init", "--grant-to", "opsctl_appender"], expected: .initialize(.init(grantTo: "opsctl_appender"))),
        Row(arguments: ["receipts", "export", "--out", "log.jsonl"], expected: .export(.init(outPath: "log.jsonl"))),
        Row(arguments: ["receipts", "export", "--out=log.jsonl", "--force"], expected: .export(.init(outPath: "log.jsonl", force: true))),
        Row(arguments: ["receipts", "import", "log.jsonl"], expected: .importLog(path: "log.jsonl")),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let input = try CommandInputBuilder.input(row.arguments, for: ReceiptsCommand.descriptor)
        let parsed = ReceiptsArguments.parse(input)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.value == row.expected)
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expectedError: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mistakes: [Mistake] = [
        Mistake(arguments: ["receipts"], expectedError: "opsctl: error: missing argument <action>\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "verfy"],
                expectedError: "opsctl: error: unknown command 'receipts verfy'\nhint: did you mean 'receipts verify'? See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "verify", "extra"], expectedError: "opsctl: error: unexpected argument 'extra' for 'receipts'\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "list", "--expect-head", hash],
                expectedError: "opsctl: error: options '--expect-head' and 'receipts list' cannot be used together\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "verify", "--kind", "plan"],
                expectedError: "opsctl: error: options '--kind' and 'receipts verify' cannot be used together\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "repair", "--json"],
                expectedError: "opsctl: error: options '--json' and 'receipts repair' cannot be used together\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "verify", "--expect-head", "abc"],
                expectedError: "opsctl: error: invalid value 'abc' for '--expect-head': expected a head as `receipts verify` prints it: 64 hex digits, optionally 'sha256:' before them and the seq with ':' or a space in front\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "verify", "--expect-head"],
                expectedError: "opsctl: error: option '--expect-head' needs a value (HASH)\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "list", "--kind="],
                expectedError: "opsctl: error: invalid value '' for '--kind': it must not be empty\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "list", "--change", "a", "--change", "b"],
                expectedError: "opsctl: error: option '--change' was given more than once\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "export"],
                expectedError: "opsctl: error: missing argument <--out FILE>\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "import"],
                expectedError: "opsctl: error: missing argument <FILE>\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "init", "--out", "x"],
                expectedError: "opsctl: error: options '--out' and 'receipts init' cannot be used together\nhint: See 'opsctl help receipts'.\n"),
        Mistake(arguments: ["receipts", "list", "--knd", "plan"],
                expectedError: "opsctl: error: unknown option '--knd' for 'receipts'\nhint: did you mean '--kind'? See 'opsctl help receipts'.\n"),
    ]

    @Test(arguments: mistakes)
    func usageErrorsExit64WithAHint(_ mistake: Mistake) async {
        let run = await runOpsctl(mistake.arguments)
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == mistake.expectedError)
    }

    @Test func helpShowsEveryActionsUsage() async {
        let run = await runOpsctl(["help", "receipts"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("""
            Usage: opsctl receipts verify [--expect-head HASH] [--json]
                   opsctl receipts list [--kind K] [--change ID] [--json]
                   opsctl receipts repair
                   opsctl receipts init [--grant-to ROLE]
                   opsctl receipts export --out FILE [--force]
                   opsctl receipts import FILE

            Verify, list, repair, export or import the receipts log; create its PostgreSQL schema.
            """))
        let overview = await runOpsctl(["help"])
        #expect(overview.standardOutput.contains("\n  receipts "))
    }
}
