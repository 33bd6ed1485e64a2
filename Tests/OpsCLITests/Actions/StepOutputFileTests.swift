import Foundation
import OpsCore
import Synchronization
import Testing
@testable import OpsCLI

/// `$GITHUB_OUTPUT` in the toolkit's heredoc form, read back the way the runner reads it.
struct StepOutputFileTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory.make()
    }

    @Test func writesEveryOutputAsAHeredocWithARandomDelimiter() throws {
        let path = directory.file("output")
        let file = StepOutputFile(path: path, redactor: Redactor(registry: SecretRegistry()))
        let refused = try file.write([("changes", "3"), ("plan_file", "plan.json"), ("notes", "line one\nline two")])
        #expect(refused.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let outputs = try StepOutputs.parse(text)
        #expect(outputs == ["changes": "3", "plan_file": "plan.json", "notes": "line one\nline two"])
        let delimiters = text.split(separator: "\n").filter { $0.hasPrefix("changes<<") || $0.hasPrefix("notes<<") }.map { $0.split(separator: "<").last! }
        #expect(delimiters.count == 2)
        #expect(delimiters.allSatisfy { $0.hasPrefix("ghadelimiter_") })
        #expect(Set(delimiters).count == 2, "each output draws its own delimiter")
    }

    @Test func appendsToWhatTheStepWroteBefore() throws {
        let path = try directory.write("output", "earlier=1\n")
        try StepOutputFile(path: path, redactor: Redactor(registry: SecretRegistry())).write([("changes", "0")])
        #expect(try StepOutputs.parse(String(contentsOfFile: path, encoding: .utf8)) == ["earlier": "1", "changes": "0"])
    }

    /// A value holding a line equal to the delimiter would end the value there and let the
    /// rest of it set other outputs. The writer draws another delimiter instead.
    @Test func aValueContainingTheWouldBeDelimiterGetsAnotherOne() throws {
        let tokens = TokenSequence(["COLLIDE", "COLLIDE", "FRESH"])
        var file = StepOutputFile(path: directory.file("output"), redactor: Redactor(registry: SecretRegistry()))
        file.randomToken = { tokens.next() }
        let hostile = "first\nghadelimiter_COLLIDE\nexitcode<<X\n0\nX"
        try file.write([("plan_file", hostile)])
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text == "plan_file<<ghadelimiter_FRESH\n\(hostile)\nghadelimiter_FRESH\n")
        #expect(try StepOutputs.parse(text) == ["plan_file": hostile])
    }

    @Test func aValueHoldingARegisteredSecretIsNotWritten() throws {
        let registry = SecretRegistry()
        let redactor = Redactor(registry: registry)
        let canary = "CANARY-output-secret-4f1e9b2c"
        redactor.register(secret: canary)
        let path = directory.file("output")
        let refused = try StepOutputFile(path: path, redactor: redactor).write([("plan_file", "plans/\(canary).json"), ("changes", "1")])
        #expect(refused == [StepOutputFile.Refusal(name: "plan_file", reason: "its value contains a secret")])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(canary))
        #expect(try StepOutputs.parse(text) == ["changes": "1"])
    }
}

/// Hands out fixed "random" tokens in order, so a test can force a delimiter collision.
final class TokenSequence: Sendable {
    private let tokens: Mutex<[String]>

    init(_ tokens: [String]) {
        self.tokens = Mutex(tokens)
    }

    func next() -> String {
        tokens.withLock { $0.removeFirst() }
    }
}

/// Reads `$GITHUB_OUTPUT` as the runner does: `name=value` lines and `name<<DELIMITER` blocks.
enum StepOutputs {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> [String: String] {
        var outputs: [String: String] = [:]
        var lines = text.components(separatedBy: "\n")[...]
        if lines.last == "" { lines = lines.dropLast() }
        while let line = lines.popFirst() {
            if let range = line.range(of: "<<") {
                let name = String(line[..<range.lowerBound])
                let delimiter = String(line[range.upperBound...])
                var value: [String] = []
                while true {
                    guard let next = lines.popFirst() else { throw Malformed(description: "\(name): no closing \(delimiter)") }
                    if next == delimiter { break }
                    value.append(next)
                }
                outputs[name] = value.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                outputs[String(line[..<equals])] = String(line[line.index(after: equals)...])
            } else {
                throw Malformed(description: "a line that is neither name=value nor name<<delimiter: \(line)")
            }
        }
        return outputs
    }
}
