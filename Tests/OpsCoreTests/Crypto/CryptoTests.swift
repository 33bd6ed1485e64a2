import Foundation
import Testing

@testable import OpsCore

@Suite struct SHA256Tests {
    /// FIPS 180-2 appendix B vectors, plus the empty message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func nistVectors(message: String, expected: String) throws {
        #expect(Hex.encode(try SHA256.hash(message)) == expected)
    }

    @Test func millionAsStreamedInUnevenPieces() throws {
        let hasher = try SHA256Hasher()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var total = 0
        while total < 1_000_000 {
            let count = min(piece.count, 1_000_000 - total)
            try hasher.update(Array(piece[0..<count]))
            total += count
        }
        #expect(Hex.encode(try hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func streamingMatchesOneShotAtEverySplitAndHasherIsReusable() throws {
        let message = Array("The quick brown fox jumps over the lazy dog, twice: the quick brown fox.".utf8)
        let expected = try SHA256.hash(message)
        let hasher = try SHA256Hasher()
        for split in 0...message.count {
            try hasher.update(Array(message[..<split]))
            try hasher.update(Array(message[split...]))
            #expect(try hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test func hashesAFileInChunks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents))
        #expect(try SHA256.hash(fileAt: path) == SHA256.hash(contents))
    }

    @Test func missingFileIsATypedError() {
        #expect(throws: CryptoError(.unreadableFile(path: "/nonexistent/x", errno: ENOENT))) {
            try SHA256.hash(fileAt: "/nonexistent/x")
        }
    }
}

@Suite struct HMACSHA256Tests {
    /// RFC 4231 test cases 1, 2 and 6 (key longer than the block size).
    @Test(arguments: [
        (
            [UInt8](repeating: 0x0b, count: 20), "Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), "what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            [UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
    ])
    func rfc4231(key: [UInt8], message: String, expected: String) throws {
        let code = try HMACSHA256.authenticationCode(for: Array(message.utf8), key: key)
        #expect(Hex.encode(code) == expected)
        #expect(try HMACSHA256.isValid(code, for: Array(message.utf8), key: key))
        var forged = code
        forged[31] ^= 1
        #expect(try !HMACSHA256.isValid(forged, for: Array(message.utf8), key: key))
    }

    @Test func streamingReusesTheKeyAfterFinalize() throws {
        let key = Array("Jefe".utf8)
        let hasher = try HMACSHA256Hasher(key: key)
        for _ in 0..<3 {
            try hasher.update(Array("what do ya want ".utf8))
            try hasher.update(Array("for nothing?".utf8))
            #expect(Hex.encode(try hasher.finalize()) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        }
    }

    @Test func emptyKeyIsRefused() {
        #expect(throws: CryptoError(.emptyKey)) { try HMACSHA256Hasher(key: []) }
    }
}

@Suite struct ByteUtilityTests {
    @Test func hexRoundTrip() {
        let bytes: [UInt8] = [0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]
        #expect(Hex.encode(bytes) == "00017f80abff")
        #expect(Hex.decode("00017F80abFF") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.isLowercaseHex("00ab", count: 4))
        #expect(!Hex.isLowercaseHex("00AB", count: 4))
        #expect(!Hex.isLowercaseHex("00ab", count: 6))
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func secureRandomBytes() throws {
        let first = try SecureRandom.bytes(count: 32)
        let second = try SecureRandom.bytes(count: 32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(try SecureRandom.bytes(count: 0).isEmpty)
    }
}
