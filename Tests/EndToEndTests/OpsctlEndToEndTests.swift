import Foundation
import Testing

/// The built binary, run as a user runs it: arguments in, streams and exit status out.
final class OpsctlEndToEndTests: Sendable {
    static let validDesiredState = "version: 1\n"
    static let validPolicy = "version: 1\n"
    /// An unterminated quote that opens on line 2, column 26.
    static let brokenDesiredState = "version: 1\nslack: {approvalChannel: \"#ops\n"

    let binary: OpsctlBinary
    let workspace: Workspace

    /// Each test gets a new instance, so a new workspace, removed when the test ends.
    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
    }

    deinit {
        workspace.remove()
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: environment)
    }

    func writeValidFiles() throws {
        try workspace.write("desired-state.yaml", Self.validDesiredState)
        try workspace.write("change-policy.yaml", Self.validPolicy)
    }

    @Test func version() throws {
        for arguments in [["version"], ["--version"]] {
            let output = try run(arguments)
            #expect(output.status == 0)
            #expect(output.standardOutput.wholeMatch(of: /opsctl \d+\.\d+\.\d+\n/) != nil)
            #expect(output.standardError.isEmpty)
        }
    }

    @Test func help() throws {
        let output = try run(["help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("opsctl "))
        #expect(output.standardOutput.contains("Usage: opsctl [global options] <command>"))
        #expect(output.standardOutput.contains("\n  validate "))
        #expect(output.standardOutput.contains("\n  plan "))
        #expect(output.standardOutput.contains("\n  export "))
        #expect(output.standardError.isEmpty)
    }

    @Test func noArgumentsPrintsHelp() throws {
        let output = try run([])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Usage: opsctl"))
    }

    @Test func unknownCommand() throws {
        let output = try run(["valdate"])
        #expect(output.status == 64)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == "opsctl: error: unknown command 'valdate'\nhint: did you mean 'validate'? See 'opsctl help'.\n")
    }

    @Test func unknownFlag() throws {
        let output = try run(["validate", "--polcy=p.yaml"])
        #expect(output.status == 64)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == "opsctl: error: unknown option '--polcy' for 'validate'\nhint: did you mean '--policy'? See 'opsctl help validate'.\n")
    }

    @Test func validateValidFiles() throws {
        try writeValidFiles()
        let output = try run(["validate"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "desired-state.yaml and change-policy.yaml are valid.\n")
        #expect(output.standardError.isEmpty)
    }

    @Test func validateSyntaxError() throws {
        try workspace.write("broken.yaml", Self.brokenDesiredState)
        try workspace.write("change-policy.yaml", Self.validPolicy)
        let output = try run(["validate", "-f", "broken.yaml"])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        let lines = output.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("broken.yaml:2:26: error: ") == true)
        #expect(lines.dropFirst().prefix(2) == ["slack: {approvalChannel: \"#ops", String(repeating: " ", count: 25) + "^"])
        #expect(lines.last == "1 error in broken.yaml, 0 in change-policy.yaml")
    }

    @Test func validateJSON() throws {
        try workspace.write("desired-state.yaml", Self.brokenDesiredState)
        try workspace.write("change-policy.yaml", Self.validPolicy)
        let output = try run(["validate", "--json"])
        #expect(output.status == 1)
        #expect(output.standardError.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutputBytes)) as? [String: Any])
        #expect(document["valid"] as? Bool == false)
        #expect(document["files"] as? [String] == ["desired-state.yaml", "change-policy.yaml"])
        let diagnostic = try #require((document["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["file"] as? String == "desired-state.yaml")
        #expect(diagnostic["line"] as? Int == 2)
        #expect(diagnostic["column"] as? Int == 26)
        #expect(diagnostic["severity"] as? String == "error")
    }

    @Test func validateMissingFile() throws {
        try workspace.write("change-policy.yaml", Self.validPolicy)
        let output = try run(["validate"])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        let headline = output.standardError.prefix { $0 != "\n" }
        #expect(headline.hasPrefix("desired-state.yaml:"))
        #expect(headline.contains(": error: "))
        #expect(output.standardError.hasSuffix("1 error in desired-state.yaml, 0 in change-policy.yaml\n"))
    }

    @Test(arguments: [["NO_COLOR": "1", "TERM": "xterm-256color"], ["TERM": "xterm-256color"]])
    func noEscapeBytesWithoutATerminalOrWithNoColor(_ environment: [String: String]) throws {
        try workspace.write("desired-state.yaml", Self.brokenDesiredState)
        try workspace.write("change-policy.yaml", "version: 1\nversion: 1\n")
        let invalid = try run(["validate"], environment: environment)
        let usage = try run(["valdate"], environment: environment)
        try writeValidFiles()
        let valid = try run(["validate"], environment: environment)
        #expect(invalid.status == 1)
        #expect(usage.status == 64)
        #expect(valid.status == 0)
        for output in [invalid, usage, valid] {
            #expect(!output.standardOutputBytes.contains(0x1B))
            #expect(!output.standardErrorBytes.contains(0x1B))
        }
    }
}
