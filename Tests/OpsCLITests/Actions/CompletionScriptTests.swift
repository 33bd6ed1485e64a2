import Foundation
import OpsCore
import Testing
@testable import OpsCLI

/// The completion scripts and the man page come from the command table, like help: every
/// command and flag that help shows must be in each of them.
struct CompletionScriptTests {
    /// Every command name and every flag spelling help prints, read from help's own text.
    static func namesInHelp() async -> (commands: [String], flags: [String]) {
        let overview = await runOpsctl(["help"]).standardOutput
        var flags = Set<String>()
        for command in CommandRegistry.standard.commands {
            let help = await runOpsctl(["help", command.name]).standardOutput
            flags.formUnion(Self.flagSpellings(in: help))
        }
        flags.formUnion(Self.flagSpellings(in: overview))
        return (CommandRegistry.standard.names, flags.sorted())
    }

    /// `-f, --desired-state FILE` and `    --json` rows of an options table.
    static func flagSpellings(in help: String) -> [String] {
        help.split(separator: "\n").flatMap { line -> [String] in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("-") else { return [] }
            let label = trimmed.components(separatedBy: "  ").first ?? ""
            return label.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }.filter { $0.hasPrefix("-") }
        }
    }

    @Test(arguments: CompletionShell.allCases)
    func everyCommandAndFlagInHelpIsInTheScript(shell: CompletionShell) async {
        let run = await runOpsctl(["completion", shell.rawValue])
        #expect(run.status == 0)
        let script = run.standardOutput
        let (commands, flags) = await Self.namesInHelp()
        #expect(flags.contains("--detailed-exitcode") && flags.contains("-f") && flags.contains("--man"))
        for command in commands {
            #expect(script.contains(command), "\(shell) lacks the command \(command)")
        }
        for flag in flags {
            let spelling = shell == .fish ? (flag.hasPrefix("--") ? "-l \(flag.dropFirst(2))" : "-s \(flag.dropFirst())") : flag
            #expect(script.contains(spelling), "\(shell) lacks the flag \(flag)")
        }
        for scope in ServiceScope.allCases {
            #expect(script.contains(scope.rawValue), "\(shell) lacks the scope \(scope)")
        }
    }

    @Test func everyCommandAndFlagInHelpIsInTheManPage() async {
        let run = await runOpsctl(["help", "--man"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix(".TH OPSCTL 1 "))
        // What a reader sees: troff's minus and font escapes undone.
        let page = run.standardOutput.replacingOccurrences(of: "\\-", with: "-")
            .replacingOccurrences(of: "\\fB", with: "").replacingOccurrences(of: "\\fR", with: "").replacingOccurrences(of: "\\fI", with: "")
        let (commands, flags) = await Self.namesInHelp()
        for command in commands {
            #expect(page.contains(".SS \"\(command)\""), "the man page lacks a section for \(command)")
        }
        for flag in flags {
            #expect(page.contains(flag), "the man page lacks \(flag)")
        }
        #expect(run.standardOutput.utf8.allSatisfy { $0 < 0x80 }, "troff reads Latin-1: anything else must be a \\[uXXXX] escape")
        #expect(page.contains("\\[u2026]"), "the ellipsis in --scope's summary is escaped")
        for line in run.standardOutput.split(separator: "\n") where !line.hasPrefix(".") {
            #expect(!line.hasPrefix("'"), "a text line starting with ' would be read as a request: \(line)")
        }
    }

    @Test func theBashScriptIsValidBash() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let path = try directory.write("opsctl.bash", await runOpsctl(["completion", "bash"]).standardOutput)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-n", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// What the bash function offers, run for real: `opsctl approve <TAB>` in a directory with a
    /// plan lists its change IDs; `--scope github,v<TAB>` completes the last element.
    @Test func bashCompletesChangeIDsFromThePlanAndScopeLists() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let plan = Plan(
            createdAt: "2026-12-01T00:00:00Z", createdBy: "ci", scope: [.github], inputs: [], checks: [],
            changes: [
                Change(id: ChangeID(scope: .github, resource: "label", action: "create", name: "bug"), description: "create bug", risk: .low, before: .null, after: .null, observed: "sha256:0"),
                Change(id: ChangeID(scope: .github, resource: "label", action: "update", name: "ui"), description: "update ui", risk: .low, before: .null, after: .null, observed: "sha256:0"),
            ]
        )
        try PlanFile.write(plan, to: directory.file("plan.json"))
        let ids = await runOpsctl(["completion", "--change-ids", directory.file("plan.json")])
        #expect(ids.standardOutput == "github.label.create.bug\ngithub.label.update.ui\n")
        #expect(await runOpsctl(["completion", "--change-ids", directory.file("missing.json")]).standardOutput == "")

        let script = try directory.write("opsctl.bash", await runOpsctl(["completion", "bash"]).standardOutput)
        // A stand-in `opsctl` on PATH answers --change-ids as the real one does.
        let stub = try directory.write("opsctl", "#!/bin/sh\nprintf 'github.label.create.bug\\ngithub.label.update.ui\\n'\n")
        chmod(stub, 0o755)
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let program = """
                source '\(script)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
                _opsctl
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", program]
            process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
            process.environment = ["PATH": "\(directory.path):/usr/bin:/bin"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(try complete(["opsctl", "approve", ""]) == ["github.label.create.bug", "github.label.update.ui"])
        #expect(try complete(["opsctl", "apply", "plan.json", "--only", "github.label.u"]) == ["github.label.update.ui"])
        #expect(try complete(["opsctl", "plan", "--scope", "github,ver"]) == ["github,vercel"])
        #expect(try complete(["opsctl", "receipts", ""]) == ["verify", "list", "repair", "init", "export", "import"])
        #expect(try complete(["opsctl", "-f", "desired-state.yaml", "pl"]) == ["plan"])
        #expect(try complete(["opsctl", "plan", "--det"]) == ["--detailed-exitcode"])
    }

    /// zsh and fish are not among the packages `make deps` installs; where they exist, their
    /// own parsers check the scripts, and fish's `complete -C` shows what a user would get.
    static let installedShells = [(CompletionShell.zsh, "/usr/bin/zsh"), (.fish, "/usr/bin/fish")]
        .filter { FileManager.default.isExecutableFile(atPath: $0.1) }

    @Test(arguments: installedShells)
    func theScriptParsesInItsShell(shell: CompletionShell, interpreter: String) async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let path = try directory.write("opsctl.\(shell.rawValue)", await runOpsctl(["completion", shell.rawValue]).standardOutput)
        #expect(try Self.run(interpreter, ["-n", path], in: directory).status == 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")))
    func fishCompletesScopesReceiptActionsAndChangeIDs() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let script = try directory.write("opsctl.fish", await runOpsctl(["completion", "fish"]).standardOutput)
        try directory.write("opsctl", "#!/bin/sh\nprintf 'github.label.create.bug\\ngithub.label.update.ui\\n'\n")
        chmod(directory.file("opsctl"), 0o755)
        func complete(_ line: String) throws -> [String] {
            let output = try Self.run("/usr/bin/fish", ["--no-config", "-c", "source '\(script)'; complete -C '\(line)'"], in: directory).output
            return output.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        }
        #expect(try complete("opsctl plan --scope github,ver") == ["github,vercel"])
        #expect(try complete("opsctl receipts ") == ["export", "import", "init", "list", "repair", "verify"])
        #expect(try complete("opsctl approve ") == ["github.label.create.bug", "github.label.update.ui"])
    }

    static func run(_ executable: String, _ arguments: [String], in directory: TemporaryDirectory) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.environment = ["PATH": "\(directory.path):/usr/bin:/bin", "HOME": directory.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func anUnknownShellIsAUsageError() async {
        let run = await runOpsctl(["completion", "tcsh"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("opsctl writes completions for bash, zsh, fish"))
    }
}
