import Foundation
import Testing
@testable import OpsCore

@Suite struct FileBytesTests {
    private static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "filebytes-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileIsReadWholeUpToItsLimit() throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileBytes.read(path: path, limit: 10_000) == .bytes(bytes))
        #expect(FileBytes.read(path: path, limit: 9_999) == .tooLarge)
        #expect(FileBytes.read(path: path, limit: 20_000) == .bytes(bytes))
    }

    @Test func anEmptyFileIsNoBytes() throws {
        let path = try Self.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileBytes.read(path: path, limit: 16) == .bytes([]))
    }

    @Test func aFileWhoseSizeIsUnknownIsReadToItsEnd() throws {
        // procfs reports a size of 0; the map of a test process is well over the first 4 KiB read.
        guard case .bytes(let bytes) = FileBytes.read(path: "/proc/self/maps", limit: 16 * 1024 * 1024) else {
            Issue.record("could not read /proc/self/maps")
            return
        }
        #expect(bytes.count > 4097)
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(FileBytes.read(path: "/proc/self/maps", limit: 100) == .tooLarge)
    }

    @Test func failuresCarryTheirErrno() {
        #expect(FileBytes.read(path: "/nonexistent/desired-state.yaml", limit: 16) == .failed(ENOENT))
        #expect(FileBytes.read(path: NSTemporaryDirectory(), limit: 16) == .failed(EISDIR))
    }

    @Test func theLoaderNamesWhyAFileCannotBeRead() {
        guard case .failure(let missing) = ConfigLoader.readSource(path: "/nonexistent/desired-state.yaml") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.reason == .unreadableFile("no such file"))
        #expect(missing.location.file == "/nonexistent/desired-state.yaml")
    }
}
