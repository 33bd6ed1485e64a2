import Foundation

/// The files the Actions runner hands a step, `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`,
/// created empty in a workspace, and read back the way the runner reads them.
struct ActionsStepFiles: Sendable {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let output: URL
    let summary: URL

    init(in workspace: Workspace, name: String = UUID().uuidString) throws {
        output = workspace.url.appendingPathComponent("github-output-\(name)")
        summary = workspace.url.appendingPathComponent("step-summary-\(name).md")
        try Data().write(to: output)
        try Data().write(to: summary)
    }

    var environment: [String: String] {
        ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output.path, "GITHUB_STEP_SUMMARY": summary.path]
    }

    var outputBytes: [UInt8] { (try? Array(Data(contentsOf: output))) ?? [] }
    var summaryBytes: [UInt8] { (try? Array(Data(contentsOf: summary))) ?? [] }
    var summaryText: String { String(decoding: summaryBytes, as: UTF8.self) }

    /// `name=value` lines and `name<<DELIMITER` blocks; a later value of a name wins, as in
    /// the runner.
    func outputs() throws -> [String: String] {
        var outputs: [String: String] = [:]
        var lines = String(decoding: outputBytes, as: UTF8.self).components(separatedBy: "\n")[...]
        if lines.last == "" { lines = lines.dropLast() }
        while let line = lines.popFirst() {
            if let range = line.range(of: "<<") {
                let name = String(line[..<range.lowerBound])
                let delimiter = String(line[range.upperBound...])
                guard delimiter.hasPrefix("ghadelimiter_") else { throw Malformed(description: "\(name): delimiter \(delimiter)") }
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
                throw Malformed(description: "neither name=value nor name<<delimiter: \(line)")
            }
        }
        return outputs
    }
}
