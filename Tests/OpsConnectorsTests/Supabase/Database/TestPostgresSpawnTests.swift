import Foundation
import Testing

/// The tools that start the tests' PostgreSQL leave a server behind; it must not keep a copy of
/// descriptors other tests hold open at that moment, or a pipe they wait to see closed never is.
@Suite("Test PostgreSQL tools")
struct TestPostgresSpawnTests {
    @Test func aToolInheritsOnlyItsStandardDescriptors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Held open across the spawn, as another test's ssh-keygen input would be.
        let held = Pipe()
        defer {
            try? held.fileHandleForWriting.close()
            try? held.fileHandleForReading.close()
        }
        let listing = directory.appendingPathComponent("descriptors").path
        // The shell's descriptors as `ls`, a child of its own, sees them (the shell redirects in
        // that child, so its own stay as spawned).
        try CommandRunner(directory: directory.path, asPostgres: false)
            .run("/bin/sh", ["-c", "ls -l /proc/$$/fd > \(listing)"])
        let lines = try String(contentsOfFile: listing, encoding: .utf8).split(separator: "\n").filter { $0.contains(" -> ") }
        let descriptors = Set(lines.compactMap { line in
            line.components(separatedBy: " -> ").first?.split(separator: " ").last.flatMap { Int32($0) }
        })
        #expect(descriptors.isSuperset(of: [0, 1, 2]))
        #expect(!descriptors.contains(held.fileHandleForWriting.fileDescriptor))
        #expect(!descriptors.contains(held.fileHandleForReading.fileDescriptor))
        #expect(!lines.contains { $0.contains("pipe:") }, "inherited: \(lines)")
    }
}
