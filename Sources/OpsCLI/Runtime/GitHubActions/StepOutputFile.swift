import Foundation
import OpsCore

/// `$GITHUB_OUTPUT`: the step's outputs, which later steps read as
/// `steps.<id>.outputs.<name>`.
///
/// Every value is written in the heredoc form the toolkit's `setOutput` uses,
/// `name<<ghadelimiter_<random>` / value / delimiter, so a multi-line value is safe. The
/// delimiter is random and checked against the name and value: a value holding a line equal
/// to the delimiter would otherwise end the value early and let the rest inject outputs.
///
/// A value that would reveal a secret is never written. The runner refuses outputs that
/// contain a masked value anyway ("you won't be able to set that value as an output"), but
/// only by blanking it in the log; the file itself would still hold it. The run's redactor
/// knows every secret this command met, so a value it would change is left out, and the
/// step gets a warning instead.
struct StepOutputFile: Sendable {
    /// An output left out, and why, for the warning annotation.
    struct Refusal: Sendable, Equatable {
        var name: String
        var reason: String
    }

    static let delimiterPrefix = "ghadelimiter_"

    var path: String
    var redactor: Redactor
    /// Draws the random part of a delimiter; tests pass a fixed sequence to force a collision.
    var randomToken: @Sendable () -> String = { UUID().uuidString }

    /// Appends the outputs in order and returns the ones refused.
    @discardableResult
    func write(_ outputs: [(name: String, value: String)]) throws -> [Refusal] {
        var text = ""
        var refusals: [Refusal] = []
        for output in outputs {
            if redactor.redact(output.value) != output.value || redactor.redact(output.name) != output.name {
                refusals.append(Refusal(name: output.name, reason: "its value contains a secret"))
                continue
            }
            text += entry(name: output.name, value: output.value)
        }
        try Self.append(text, to: path)
        return refusals
    }

    /// One `name<<delimiter` block. The delimiter is redrawn until it appears nowhere in the
    /// name or the value (with a UUID this practically never loops).
    func entry(name: String, value: String) -> String {
        var delimiter = Self.delimiterPrefix + randomToken()
        while name.contains(delimiter) || value.contains(delimiter) {
            delimiter = Self.delimiterPrefix + randomToken()
        }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }

    /// Appends to a file the runner created; creates it when missing so a local run with the
    /// variable set to a fresh path works too.
    static func append(_ text: String, to path: String) throws {
        guard !text.isEmpty else { return }
        // A failed create shows as the open failure below, naming the path.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        _ = try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
