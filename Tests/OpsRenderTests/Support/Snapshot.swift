import Foundation
import Testing

/// Compares rendered text with a file under `Tests/OpsRenderTests/__Snapshots__/<name>.txt`.
///
/// Run with `OPSCTL_RECORD_SNAPSHOTS=1` to write the files instead (after swift-argument-parser's
/// `TestHelpers.swift`); a recording run records an issue for every file it writes, so it never
/// passes by accident and nobody mistakes a fresh recording for a verified one. Read the files
/// it wrote, then run again without the variable.
func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let store = SnapshotStore(directory: SnapshotStore.defaultDirectory, recording: SnapshotStore.recordingRequested)
    switch store.check(text, named: name) {
    case .matched:
        break
    case .recorded(let path):
        Issue.record("Recorded snapshot \(path). Review it, then run the tests again without \(SnapshotStore.recordVariable).", sourceLocation: sourceLocation)
    case .missing(let path):
        Issue.record("No snapshot at \(path). Record it with `\(SnapshotStore.recordVariable)=1 swift test --filter OpsRenderTests`, then read the file.", sourceLocation: sourceLocation)
    case .mismatched(let explanation):
        Issue.record(Comment(rawValue: explanation), sourceLocation: sourceLocation)
    case .unwritable(let path, let reason):
        Issue.record("Could not write the snapshot \(path): \(reason)", sourceLocation: sourceLocation)
    }
}

/// The directory of snapshot files and what to do with them; separate from `assertSnapshot` so
/// that the comparison itself can be tested against a scratch directory.
struct SnapshotStore {
    static let recordVariable = "OPSCTL_RECORD_SNAPSHOTS"

    static var recordingRequested: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// `__Snapshots__` beside this file's folder: found from the source path, since the tests
    /// run from wherever SwiftPM puts the test bundle.
    static var defaultDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support/
            .deletingLastPathComponent()  // OpsRenderTests/
            .appendingPathComponent("__Snapshots__", isDirectory: true)
    }

    enum Verdict: Equatable {
        case matched
        case recorded(path: String)
        case missing(path: String)
        case mismatched(String)
        case unwritable(path: String, reason: String)
    }

    var directory: URL
    var recording: Bool

    func path(for name: String) -> String {
        directory.appendingPathComponent("\(name).txt").path
    }

    func check(_ text: String, named name: String) -> Verdict {
        let path = path(for: name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                return .unwritable(path: path, reason: "\(error)")
            }
            return .recorded(path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .missing(path: path) }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == text { return .matched }
        return .mismatched(Self.explainMismatch(name: name, path: path, expected: expected, actual: text))
    }

    /// Where the texts part, line by line, with escapes visible: a bare "not equal" on two
    /// screens of ANSI-coloured text is useless.
    static func explainMismatch(name: String, path: String, expected: String, actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var message = "Snapshot '\(name)' does not match \(path)."
        let lineCount = max(expectedLines.count, actualLines.count)
        for index in 0..<lineCount {
            let old = index < expectedLines.count ? String(expectedLines[index]) : nil
            let new = index < actualLines.count ? String(actualLines[index]) : nil
            guard old != new else { continue }
            message += "\nFirst difference at line \(index + 1):"
            message += "\n  snapshot: " + (old.map(visible) ?? "(no such line)")
            message += "\n  rendered: " + (new.map(visible) ?? "(no such line)")
            break
        }
        message += "\nRendered text:\n" + visible(actual)
        message += "\nIf the change is intended, re-record with \(recordVariable)=1 and read the new file."
        return message
    }

    private static func visible(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}", with: "\\e")
    }
}
