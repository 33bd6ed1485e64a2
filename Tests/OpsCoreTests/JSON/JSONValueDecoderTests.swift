import Foundation
import Testing

@testable import OpsCore

/// The fast path must decode exactly what Foundation's `JSONDecoder` decodes, or throw so the
/// caller falls back to it: each case decodes one body both ways and compares.
@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
    struct Label: Decodable, Equatable {
        var id: Int
        var name: String
        var color: String
        var description: String?
        var isDefault: Bool
        var weight: Double?
        var tags: [String]
        var owner: Owner?

        enum CodingKeys: String, CodingKey {
            case id, name, color, description, tags, owner, weight
            case isDefault = "default"
        }
    }

    struct Owner: Decodable, Equatable {
        var login: String
        var kind: Kind
    }

    enum Kind: String, Decodable, Equatable {
        case user, organization
    }

    /// A type that tries one shape and then another, as several wire types do.
    struct Either: Decodable, Equatable {
        var value: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                value = text
            } else {
                value = "number \(try container.decode(Int.self))"
            }
        }
    }

    struct WithURL: Decodable, Equatable {
        var url: URL?

        enum CodingKeys: String, CodingKey { case url }
    }

    private func both<T: Decodable & Equatable>(_ type: T.Type, _ text: String) throws -> (fast: T?, foundation: T?) {
        let bytes = Array(text.utf8)
        let fast = (try? JSONParser.parse(bytes)).flatMap { try? JSONValueDecoder.decode(T.self, from: $0) }
        let foundation = try? JSONDecoder().decode(T.self, from: Data(bytes))
        return (fast, foundation)
    }

    @Test func decodesWhatFoundationDecodes() throws {
        let body = """
            [{"id": 7, "node_id": "MDU6TGFiZWw3", "name": "bug", "color": "d73a4a", "description": null, "default": true,
              "weight": 3, "tags": ["a", "b\\u00e9"], "owner": {"login": "acme", "kind": "organization"}},
             {"id": 8, "name": "ops", "color": "000000", "default": false, "tags": []}]
            """
        let (fast, foundation) = try both([Label].self, body)
        #expect(fast != nil)
        #expect(fast == foundation)
        #expect(fast?[0].description == nil)
        #expect(fast?[0].weight == 3)
        #expect(fast?[1].owner == nil)
    }

    @Test func tryAlternativesSeeTheSameOutcome() throws {
        let (fast, foundation) = try both([Either].self, #"["x", 12]"#)
        #expect(fast?.map(\.value) == ["x", "number 12"])
        #expect(fast == foundation)
    }

    @Test(arguments: [
        #"{"id": 1.5, "name": "n", "color": "c", "default": true, "tags": []}"#,  // a fraction: JSONParser refuses it
        #"{"id": 1, "name": "n", "name": "m", "color": "c", "default": true, "tags": []}"#,  // a repeated key
        #"{"id": "1", "name": "n", "color": "c", "default": true, "tags": []}"#,  // a type mismatch
        #"{"id": 1, "name": "n", "color": "c", "default": 1, "tags": []}"#,  // not a bool
        #"{"id": 1, "name": "n", "color": "c", "tags": []}"#,  // a missing key
        #"{"id": 1, "name": "n", "color": "c", "default": true, "tags": [], "owner": {"login": "x", "kind": "bot"}}"#,  // no such case
    ])
    func theFastPathNeverDecodesWhatFoundationDecodesDifferently(body: String) throws {
        let (fast, foundation) = try both(Label.self, body)
        // Either the fast path declines (the caller asks Foundation) or both agree.
        if let fast { #expect(fast == foundation) }
    }

    @Test func refusesTypesFoundationDecodesSpecially() throws {
        let tree = try JSONParser.parse(#"{"url": "https://example.com/a"}"#)
        #expect(throws: (any Error).self) { try JSONValueDecoder.decode(WithURL.self, from: tree) }
        // Even when a type's own `try?` would swallow the refusal.
        struct Lenient: Decodable {
            var url: URL?
            init(from decoder: any Decoder) throws {
                url = try? decoder.container(keyedBy: WithURL.CodingKeys.self).decode(URL.self, forKey: .url)
            }
        }
        #expect(throws: (any Error).self) { try JSONValueDecoder.decode(Lenient.self, from: tree) }
    }

    @Test func integersBecomeDoublesOnlyWhenExact() throws {
        let exact = try JSONValueDecoder.decode([Double].self, from: try JSONParser.parse("[0, -3, 9007199254740992]"))
        #expect(exact == [0, -3, 9007199254740992])
        #expect(throws: (any Error).self) {
            try JSONValueDecoder.decode([Double].self, from: try JSONParser.parse("[9007199254740993]"))
        }
    }
}
