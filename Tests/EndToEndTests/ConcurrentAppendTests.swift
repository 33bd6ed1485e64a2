import Foundation
import Testing

/// Several processes appending to one receipts log at once, through the real `flock` path:
/// no line may be torn, interleaved or lost, and the chain must come out whole.
@Suite struct ConcurrentAppendTests {
    static let writers = 8
    static let receiptsPerWriter = 100

    @Test func eightWritersNeverInterleaveOrLoseALine() throws {
        let appender = try #require(Self.builtExecutable("opsctl-test-appender"), "opsctl-test-appender not found")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("race-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The directory does not exist yet: the writers also race to create it and the file.
        let log = directory.appendingPathComponent(".opsctl/receipts.jsonl").path

        var processes: [(Process, Pipe)] = []
        for writer in 0..<Self.writers {
            let process = Process()
            let errors = Pipe()
            process.executableURL = appender
            process.arguments = [log, String(Self.receiptsPerWriter), "writer-\(writer)"]
            process.standardError = errors
            processes.append((process, errors))
        }
        for (process, _) in processes { try process.run() }
        for (process, errors) in processes {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
        }

        let data = try Data(contentsOf: URL(fileURLWithPath: log))
        #expect(data.last == UInt8(ascii: "\n"))
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == Self.writers * Self.receiptsPerWriter)

        var previousHash = String(repeating: "0", count: 64)
        var nextIndex: [String: Int] = [:]
        for (position, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(object["seq"] as? Int == position)
            #expect(object["prev"] as? String == previousHash, "line \(position + 1) does not link")
            previousHash = try #require(object["hash"] as? String)
            // Each writer's own receipts appear in the order it wrote them.
            let actor = try #require(object["actor"] as? String)
            let body = try #require(object["body"] as? [String: Any])
            #expect(body["i"] as? Int == nextIndex[actor, default: 0])
            nextIndex[actor, default: 0] += 1
        }
        #expect(nextIndex.count == Self.writers)
        #expect(nextIndex.values.allSatisfy { $0 == Self.receiptsPerWriter })

        // The full check (hashes, canonical form) through OpsCore's verifier, in the helper.
        let verify = Process()
        let output = Pipe()
        verify.executableURL = appender
        verify.arguments = ["--verify", log]
        verify.standardOutput = output
        try verify.run()
        verify.waitUntilExit()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(verify.terminationStatus == 0)
        #expect(report == "intact 800 799 \(previousHash)\n")
    }

    /// Test bundles and the products they depend on are built into one directory. Where the
    /// bundle sits differs: on Linux `Bundle.main` is the directory of the test executable; on
    /// macOS it is the `.xctest` bundle inside that directory. `/proc/self/exe` is a fallback.
    static func builtExecutable(_ name: String) -> URL? {
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent(name) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }
}
