import Foundation
import Testing

/// The snapshot helper must fail when it should: a snapshot test that cannot fail is worse
/// than none. Runs against a scratch directory, never the real `__Snapshots__`.
struct SnapshotStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-snapshots-\(UUID().uuidString)")

    func store(recording: Bool) -> SnapshotStore {
        SnapshotStore(directory: directory, recording: recording)
    }

    @Test func aMissingFileIsAFailureThatSaysHowToRecord() {
        #expect(store(recording: false).check("text\n", named: "absent") == .missing(path: store(recording: false).path(for: "absent")))
    }

    @Test func recordingWritesTheFileAndReportsIt() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = store(recording: true)
        #expect(recorder.check("line one\nline two\n", named: "sample") == .recorded(path: recorder.path(for: "sample")))
        let written = try #require(FileManager.default.contents(atPath: recorder.path(for: "sample")))
        #expect(String(decoding: written, as: UTF8.self) == "line one\nline two\n")
        #expect(store(recording: false).check("line one\nline two\n", named: "sample") == .matched)
    }

    @Test func aDifferenceNamesTheFirstDifferingLineWithEscapesVisible() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = store(recording: true).check("same\n\u{1B}[32mgreen\u{1B}[0m\n", named: "coloured")
        let verdict = store(recording: false).check("same\n\u{1B}[31mred\u{1B}[0m\n", named: "coloured")
        guard case .mismatched(let message) = verdict else {
            Issue.record("expected a mismatch, got \(verdict)")
            return
        }
        #expect(message.contains("First difference at line 2:"))
        #expect(message.contains("snapshot: \\e[32mgreen\\e[0m"))
        #expect(message.contains("rendered: \\e[31mred\\e[0m"))
        #expect(message.contains("OPSCTL_RECORD_SNAPSHOTS=1"))
    }

    @Test func aMissingTrailingNewlineIsADifference() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = store(recording: true).check("text\n", named: "newline")
        #expect(store(recording: false).check("text", named: "newline") != .matched)
    }

    @Test func snapshotsLiveBesideTheTests() {
        #expect(SnapshotStore.defaultDirectory.path.hasSuffix("Tests/OpsRenderTests/__Snapshots__"))
    }
}
