/// `opsctl receipts verify|list|repair|init|export|import`: the receipts log (docs/formats.md, "Receipts log")
/// from the command line.
enum ReceiptsCommand {
    static let descriptor = CommandDescriptor(
        name: ReceiptsArguments.command,
        summary: "Verify, list, repair, export or import the receipts log; create its PostgreSQL schema",
        // HelpFormatter prints "Usage: opsctl " before this; the continuation lines line up
        // under it so that each action gets its own usage line.
        usage: """
            receipts verify [--expect-head HASH] [--json]
                   opsctl receipts list [--kind K] [--change ID] [--json]
                   opsctl receipts repair
                   opsctl receipts init [--grant-to ROLE]
                   opsctl receipts export --out FILE [--force]
                   opsctl receipts import FILE
            """,
        discussion: """
            verify checks every entry of the log: its hash, that it is stored in canonical form,
            its link to the entry before it and, when OPSCTL_RECEIPTS_KEY is set, its MAC. It
            prints the head (seq and hash) of an intact log, or the first broken seq and why.
            An expected head (--expect-head, or else the checkpoint file beside the log) must
            still be in the log: that catches truncation and whole-log rewrites, which no chain
            can reveal on its own.

            list prints the receipts as a table, or with --json as an array of complete
            receipts; --kind and --change narrow it down.

            repair moves a torn last line (a write cut short before its newline) to a quarantine
            file beside the log and appends a recovery receipt that records the fragment's length
            and SHA-256. It refuses any other damage, naming it: a complete line that is not a
            receipt was edited, not torn by a crash.

            The log is a JSONL file by default. --receipts postgres://… (or OPSCTL_RECEIPTS_URL;
            a keyword DSN works too) keeps it in PostgreSQL, shared by a team: init creates the
            schema there (idempotent, versioned) and with --grant-to grants an appender role
            what it needs; see docs/receipts-postgres.md. export writes the log as the JSONL
            file the file backend would hold, byte for byte; import loads a file that verifies
            into an empty log.

            Exit status: 0 success (an intact log), 1 an error (an unreadable log, a damaged
            line for list, a repair refused), 2 verify found the log not intact, 64 usage error.
            """,
        flags: ReceiptsArguments.Flags.all,
        featuredGlobalFlags: [GlobalOptions.Flags.receipts],
        positionals: [
            PositionalSpec(name: "action", isRequired: true, summary: "verify, list, repair, init, export or import"),
            PositionalSpec(name: "file", isRequired: false, summary: "import: the JSONL file to load"),
        ],
        parse: ReceiptsArguments.parse,
        run: run
    )

    @Sendable static func run(_ arguments: ReceiptsArguments, context: CommandContext) async -> CommandOutcome {
        switch arguments {
        case .verify(let options): ReceiptsVerifyAction.run(options, context: context)
        case .list(let options): ReceiptsListAction.run(options, context: context)
        case .repair: ReceiptsRepairAction.run(context: context)
        case .initialize(let options): ReceiptsInitAction.run(options, context: context)
        case .export(let options): ReceiptsExportAction.run(options, context: context)
        case .importLog(let path): ReceiptsImportAction.run(path: path, context: context)
        }
    }
}
