import Foundation
import OpsTesting
import Testing

@testable import OpsCore

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test func writesHunksWithContextAsDiffDoes() {
        let old = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...12).map { "line \($0)" }
        lines[5] = "line six"
        let new = lines.joined(separator: "\n") + "\n"
        #expect(UnifiedDiff.render(old: old, new: new, oldName: "a/x", newName: "b/x") == """
            --- a/x
            +++ b/x
            @@ -3,7 +3,7 @@
             line 3
             line 4
             line 5
            -line 6
            +line six
             line 7
             line 8
             line 9

            """)
    }

    @Test func equalTextsHaveNoDiffAndEmptySidesAreZeroRanges() {
        #expect(UnifiedDiff.render(old: "a\nb\n", new: "a\nb\n", oldName: "x", newName: "y").isEmpty)
        #expect(UnifiedDiff.render(old: "", new: "create table t;\n", oldName: "/dev/null", newName: "b/migration.sql") == """
            --- /dev/null
            +++ b/migration.sql
            @@ -0,0 +1 @@
            +create table t;

            """)
        #expect(UnifiedDiff.render(old: "x\ny\n", new: "", oldName: "a", newName: "b").contains("@@ -1,2 +0,0 @@"))
    }

    /// Whatever texts, the system's `patch` applied to the old file with our diff must give
    /// exactly the new one: the real reader of the format decides.
    @Test(arguments: 0..<40)
    func theSystemPatchTurnsOldIntoNew(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))  // seeded, so a failing case replays
        let vocabulary = ["{", "}", "  \"name\": \"bug\",", "  \"color\": \"d73a4a\",", "  \"id\": 1", "null", "[", "]", ""]
        let oldLines = (0..<Int(generator.next() % 40)).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }
        var newLines = oldLines
        for _ in 0..<Int(generator.next() % 8) {
            let position = newLines.isEmpty ? 0 : Int(generator.next() % UInt64(newLines.count))
            switch generator.next() % 3 {
            case 0: newLines.insert("  \"added\": \(generator.next() % 100),", at: position)
            case 1: if !newLines.isEmpty { newLines.remove(at: position) }
            default: if !newLines.isEmpty { newLines[position] = "  \"changed\": \(generator.next() % 100)" }
            }
        }
        let old = oldLines.map { $0 + "\n" }.joined()
        let new = newLines.map { $0 + "\n" }.joined()
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "a/file", newName: "b/file")
        guard old != new else {
            #expect(diff.isEmpty)
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(old.utf8).write(to: directory.appendingPathComponent("file"))
        let patched = try runTool(["patch", "-p1", "--no-backup-if-mismatch", "-s"], in: directory, input: Data(diff.utf8))
        #expect(patched.status == 0, "patch refused:\n\(patched.output)\n\(diff)")
        #expect(try String(contentsOf: directory.appendingPathComponent("file"), encoding: .utf8) == new, "\(diff)")
    }

    @Test func aDiffBeyondTheSearchLimitStillPatchesCorrectly() {
        let old = (0..<2500).map { "old \($0)\n" }.joined()
        let new = (0..<2500).map { "new \($0)\n" }.joined()
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff.hasPrefix("--- a\n+++ b\n@@ -1,2500 +1,2500 @@\n-old 0\n"))
        #expect(diff.components(separatedBy: "\n").count == 3 + 5000 + 1)
    }
}
