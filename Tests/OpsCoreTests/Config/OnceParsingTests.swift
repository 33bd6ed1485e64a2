import Foundation
import Testing
@testable import OpsCore

/// `ConfigLoader.loadDesiredState(path:onceParsing:)` calls its hook once per load, as the parse
/// gets under way (where `plan` starts opening libcurl), and not at all for a file that cannot
/// be read; the model is the same either way.
@Suite struct OnceParsingTests {
    final class Calls: @unchecked Sendable {
        var count = 0
    }

    @Test func theHookRunsOnceBeforeTheModelIsBuilt() throws {
        let path = NSTemporaryDirectory() + "once-\(UUID().uuidString).yaml"
        // Large enough that libyaml parses on a thread of its own.
        let labels = (0..<2_000).map { "    - {name: label-\($0), color: ededed}\n" }.joined()
        try Data(("version: 1\ngithub:\n  labels:\n" + labels).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let calls = Calls()
        let loaded = ConfigLoader.loadDesiredState(path: path, onceParsing: { calls.count += 1 })
        #expect(calls.count == 1)
        #expect(loaded.model?.github?.labels.count == 2_000)
        #expect(loaded.model == ConfigLoader.loadDesiredState(path: path).model)
    }

    @Test func aFileThatCannotBeReadNeverCallsIt() {
        let calls = Calls()
        let missing = ConfigLoader.loadDesiredState(path: NSTemporaryDirectory() + "absent-\(UUID().uuidString).yaml", onceParsing: {
            calls.count += 1
        })
        #expect(missing.model == nil)
        #expect(calls.count == 0)
    }
}
