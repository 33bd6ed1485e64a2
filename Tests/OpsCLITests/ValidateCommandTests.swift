import Foundation
import Testing
@testable import OpsCLI

/// `opsctl validate` in-process, on files each test writes to its own temporary directory.
struct ValidateCommandTests {
    static let validDesiredState = "version: 1\n"
    static let validPolicy = "version: 1\n"
    /// An unterminated quote on line 2: libyaml blames the place the quote opened.
    static let brokenDesiredState = "version: 1\nslack: {approvalChannel: \"#ops\n"

    @Test func validFilesExitZeroWithOneLineOnStandardOutput() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.validDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["validate", "-f", state, "-p", policy])
        #expect(run.status == 0)
        #expect(run.standardOutput == "\(state) and \(policy) are valid.\n")
        #expect(run.standardError.isEmpty)
    }

    @Test func quietValidRunPrintsNothing() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.validDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["-q", "validate", "-f", state, "-p", policy])
        #expect(run.status == 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.isEmpty)
    }

    @Test func syntaxErrorIsReportedWithLocationCaretAndSummary() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.brokenDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["validate", "-f", state, "-p", policy])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("\(state):2:") == true)
        #expect(lines.first?.contains(": error: ") == true)
        #expect(lines.dropFirst().first == "slack: {approvalChannel: \"#ops")
        #expect(lines.contains { $0.hasPrefix("  hint: ") })
        #expect(lines.suffix(2) == ["1 error in \(state), 0 in \(policy)", ""])
    }

    @Test func caretSitsUnderTheReportedColumn() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.brokenDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["validate", "-f", state, "-p", policy])
        let lines = run.standardError.split(separator: "\n").map(String.init)
        let headline = try #require(lines.first)
        let position = headline.dropFirst(state.count + 1).split(separator: ":")
        let column = try #require(Int(position[1]))
        #expect(lines[2] == String(repeating: " ", count: column - 1) + "^")
    }

    @Test func jsonPrintsOneDocumentAndNothingElse() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.brokenDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["validate", "--json", "-f", state, "-p", policy], standardErrorIsTTY: true)
        #expect(run.status == 1)
        #expect(run.standardError.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(document["valid"] as? Bool == false)
        #expect(document["files"] as? [String] == [state, policy])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["file"] as? String == state)
        #expect(diagnostics.first?["line"] as? Int == 2)
        #expect(diagnostics.first?["severity"] as? String == "error")
        #expect(Set(diagnostics.first?.keys.map { $0 } ?? []) == ["file", "line", "column", "severity", "message", "hint", "notes"])
    }

    @Test func jsonForValidFilesExitsZero() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.validDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)

        let run = await runOpsctl(["validate", "--json", "-f", state, "-p", policy])
        #expect(run.status == 0)
        #expect(run.standardOutput == """
            {
              "diagnostics": [],
              "files": [
                "\(state)",
                "\(policy)"
              ],
              "formatVersion": "1.0",
              "valid": true
            }

            """)
    }

    @Test func missingFileIsADiagnosticNamingIt() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)
        let missing = directory.file("nowhere.yaml")

        let run = await runOpsctl(["validate", "-f", missing, "-p", policy])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        let headline = run.standardError.prefix { $0 != "\n" }
        #expect(headline.hasPrefix(missing))
        #expect(headline.contains(": error: "))
        #expect(run.standardError.contains("  hint: create \(missing), or name another file with '-f FILE'\n"))
        #expect(run.standardError.hasSuffix("1 error in \(missing), 0 in \(policy)\n"))
    }

    @Test func diagnosticsAreColouredOnlyOnATerminalWithoutNoColor() async throws {
        let directory = try TemporaryDirectory.make()
        defer { directory.remove() }
        let state = try directory.write("desired-state.yaml", Self.brokenDesiredState)
        let policy = try directory.write("change-policy.yaml", Self.validPolicy)
        let arguments = ["validate", "-f", state, "-p", policy]

        let terminal = await runOpsctl(arguments, environment: ["TERM": "xterm"], standardErrorIsTTY: true)
        #expect(terminal.standardError.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let piped = await runOpsctl(arguments, environment: ["TERM": "xterm"], standardErrorIsTTY: false)
        #expect(!piped.standardError.contains("\u{1B}"))
        let noColor = await runOpsctl(arguments, environment: ["NO_COLOR": "", "TERM": "xterm"], standardErrorIsTTY: true)
        #expect(!noColor.standardError.contains("\u{1B}"))
        let dumb = await runOpsctl(arguments, environment: ["TERM": "dumb"], standardErrorIsTTY: true)
        #expect(!dumb.standardError.contains("\u{1B}"))
        let flagged = await runOpsctl(arguments + ["--no-color"], environment: ["TERM": "xterm"], standardErrorIsTTY: true)
        #expect(!flagged.standardError.contains("\u{1B}"))
    }
}
