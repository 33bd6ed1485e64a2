import Testing

@testable import OpsCore

/// A key is matched by its bytes where it lies: names that share a prefix or a length, or differ
/// only late, are told apart, and an escaped key is matched by the text it spells.
struct JSONMemberNamesTests {
    static let names = JSONMemberNames([
        "updatedAt", "updatedBy", "id", "customEnvironmentIds", "customEnvironmentIdz", "", "ключ", "targets", "target",
    ])

    static func position(_ key: String) -> Int? {
        Array(key.utf8).withUnsafeBytes { Self.names.position(of: $0) }
    }

    @Test func eachNameIsFoundAtItsPositionAndNothingElseIs() {
        for (position, name) in Self.names.names.enumerated() {
            #expect(Self.position(name) == position, "\(name)")
        }
        for other in ["updatedA", "updatedAtt", "updatedCt", "i", "ids", "customEnvironmentId", "customEnvironmentIdx", "ключи", "targetz", "Target"] {
            #expect(Self.position(other) == nil, "\(other)")
        }
    }

    /// Through the parser, an escaped key is compared as the text it spells.
    @Test func aKeyWithEscapesIsMatchedByItsText() throws {
        let document = #"{"upd\u0061tedBy": 1, "\u043a\u043b\u044e\u0447": 2, "updatedAt": 3, "other": 4}"#
        let kept = try JSONParser.parse(Array(document.utf8), keepingMembers: Self.names.names)
        #expect(kept == ["updatedBy": 1, "ключ": 2, "updatedAt": 3])
    }
}
