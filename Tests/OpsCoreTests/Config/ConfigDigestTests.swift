import Foundation
import Testing
@testable import OpsCore

/// A plan records the SHA-256 of exactly the bytes its configuration was parsed from;
/// `validate`, which reports problems only, asks for no digest.
@Suite struct ConfigDigestTests {
    @Test func theDigestIsOfTheFileAsReadAndOnlyWhenAskedFor() throws {
        let path = NSTemporaryDirectory() + "digest-\(UUID().uuidString).yaml"
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // sha256sum of the same eleven bytes.
        let expected = "sha256:09bfcc6a14b83e2192b8673677725c84883ee9cd0c70e45c9ec09daa8f2b2847"
        let desired = ConfigLoader.loadDesiredState(path: path)
        #expect(desired.sha256 == expected)
        #expect(ConfigLoader.loadChangePolicy(path: path).sha256 == expected)
        let undigested = ConfigLoader.loadDesiredState(path: path, digest: false)
        #expect(undigested.sha256 == nil)
        #expect(undigested.model == desired.model)
        #expect(ConfigLoader.loadChangePolicy(path: path, digest: false).sha256 == nil)
    }
}
