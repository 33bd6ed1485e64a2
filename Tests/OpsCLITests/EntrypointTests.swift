import Testing
@testable import OpsCLI

/// Whole runs in-process: what reaches each stream, and the exit status.
struct EntrypointTests {
    @Test func noArgumentsPrintsHelpToStandardOutput() async {
        let run = await runOpsctl([])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("Usage: opsctl [global options] <command>"))
        #expect(run.standardError.isEmpty)
    }

    @Test func helpListsOnlyCommandsThatWork() async {
        let run = await runOpsctl(["help"])
        let commandLines = run.standardOutput
            .split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0 != "Commands:" }.dropFirst()
            .prefix { !$0.isEmpty }
        #expect(commandLines.map { $0.split(separator: " ").first.map(String.init) } == [
            "validate", "plan", "show", "approve", "reject", "status", "apply", "receipts", "export", "unlock", "serve", "sandbox", "version",
            "completion", "help",
        ])
    }

    @Test func commandHelpShowsUsageAndOptions() async {
        let run = await runOpsctl(["help", "validate"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("Usage: opsctl validate [-f FILE] [-p FILE] [--json]\n\nCheck desired-state.yaml"))
        #expect(run.standardOutput.contains("  -f, --desired-state FILE  Desired state to read (default: desired-state.yaml)\n"))
        #expect(run.standardOutput.contains("      --json "))
        #expect(run.standardOutput.contains("\nGlobal options:\n      --receipts PATH"))
    }

    @Test func versionGoesToStandardOutput() async {
        for arguments in [["version"], ["--version"]] {
            let run = await runOpsctl(arguments)
            #expect(run.status == 0)
            #expect(run.standardOutput == "opsctl 0.1.0\n")
            #expect(run.standardError.isEmpty)
        }
    }

    @Test func unknownCommandIsExit64WithSuggestion() async {
        let run = await runOpsctl(["valdate"])
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "opsctl: error: unknown command 'valdate'\nhint: did you mean 'validate'? See 'opsctl help'.\n")
    }

    @Test func unknownCommandWithoutACloseMatch() async {
        let run = await runOpsctl(["deploy"])
        #expect(run.status == 64)
        #expect(run.standardError == "opsctl: error: unknown command 'deploy'\nhint: See 'opsctl help'.\n")
    }

    @Test func unknownOptionIsExit64WithSuggestion() async {
        let run = await runOpsctl(["validate", "--polcy", "p.yaml"])
        #expect(run.status == 64)
        #expect(run.standardError == """
            opsctl: error: unknown option '--polcy' for 'validate'
            hint: did you mean '--policy'? See 'opsctl help validate'.

            """)
    }

    @Test func missingValueIsExit64() async {
        let run = await runOpsctl(["validate", "-p"])
        #expect(run.status == 64)
        #expect(run.standardError == "opsctl: error: option '-p' needs a value (FILE)\nhint: See 'opsctl help validate'.\n")
    }

    @Test func extraArgumentIsExit64() async {
        let run = await runOpsctl(["validate", "desired-state.yaml"])
        #expect(run.status == 64)
        #expect(run.standardError == """
            opsctl: error: unexpected argument 'desired-state.yaml' for 'validate'
            hint: See 'opsctl help validate'.

            """)
    }

    @Test func usageErrorsAreColouredOnlyOnATerminal() async {
        let coloured = await runOpsctl(["valdate"], environment: ["TERM": "xterm"], standardErrorIsTTY: true)
        #expect(coloured.standardError == "opsctl: \u{1B}[1;31merror:\u{1B}[0m unknown command 'valdate'\n\u{1B}[1;36mhint:\u{1B}[0m did you mean 'validate'? See 'opsctl help'.\n")
        let flagged = await runOpsctl(["valdate", "--no-color"], environment: ["TERM": "xterm"], standardErrorIsTTY: true)
        #expect(!flagged.standardError.contains("\u{1B}"))
        let noColor = await runOpsctl(["valdate"], environment: ["NO_COLOR": "1"], standardErrorIsTTY: true)
        #expect(!noColor.standardError.contains("\u{1B}"))
    }

    @Test func hostileArgumentsCannotReachTheTerminalRaw() async {
        let run = await runOpsctl(["val\u{1B}[2Jdate"], standardErrorIsTTY: true)
        #expect(run.status == 64)
        #expect(run.standardError.contains("unknown command 'val\u{FFFD}[2Jdate'"))
    }
}
