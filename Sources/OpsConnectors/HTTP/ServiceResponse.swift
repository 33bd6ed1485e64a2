import Foundation
import OpsCore

/// A response the caller accepted (2xx or one of its `acceptedStatuses`), with the context
/// needed to report problems found while reading it.
package struct ServiceResponse: Sendable, Hashable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// The URL of the final attempt; pagination links are resolved against it.
    package var url: URL
    /// Attempts it took, the successful one included.
    package var attempts: Int
    package var context: HTTPRequestContext

    package init(status: Int, headers: HTTPHeaders, body: [UInt8], url: URL, attempts: Int, context: HTTPRequestContext) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.attempts = attempts
        self.context = context
    }

    package var isSuccess: Bool { (200..<300).contains(status) }

    /// The parsed `Link` header (empty when absent or unreadable).
    package var links: [LinkHeader.Link] { headers.values("Link").flatMap(LinkHeader.parse) }

    /// Decodes the body as JSON. A body `JSONParser` reads (no fractions, no repeated keys:
    /// most vendor bodies) is decoded from that tree by `JSONValueDecoder`, several times
    /// faster than Foundation's decoder on Linux (docs/performance.md); anything else, and any
    /// body the fast path cannot decode, goes through Foundation's decoder, so what decodes
    /// and every error are exactly Foundation's. A body that is not the expected JSON becomes
    /// `HTTPClientError.undecodableBody` naming the service and request, never a crash.
    package func decodeJSON<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        if let tree = try? JSONParser.parse(body), let value = try? JSONValueDecoder.decode(T.self, from: tree) {
            return value
        }
        return try decodeJSON(type, decoder: JSONDecoder())
    }

    /// As `decodeJSON(_:)` for a type that reads only the members `keepingMembers` names, at any
    /// depth: the fast path builds no others (a listing's items carry many members a connector
    /// never reads). A type that needs one left out falls back to Foundation's decoder, which
    /// reads the whole body, so the result is the same either way.
    package func decodeJSON<T: Decodable>(_ type: T.Type = T.self, keepingMembers members: [String]) throws -> T {
        if let tree = try? JSONParser.parse(body, keepingMembers: members), let value = try? JSONValueDecoder.decode(T.self, from: tree) {
            return value
        }
        return try decodeJSON(type, decoder: JSONDecoder())
    }

    /// Decodes the body with Foundation's `decoder` (for its strategies), as described above.
    package func decodeJSON<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder) throws -> T {
        guard !body.isEmpty else {
            throw HTTPClientError.undecodableBody(context, status: status, reason: "expected JSON, got an empty body")
        }
        guard looksLikeJSON else {
            throw HTTPClientError.undecodableBody(context, status: status, reason: "expected JSON, got \(bodySummary)")
        }
        do {
            return try decoder.decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw HTTPClientError.undecodableBody(context, status: status, reason: Self.describe(error))
        } catch {
            throw HTTPClientError.undecodableBody(context, status: status, reason: "invalid JSON (\(bodySummary))")
        }
    }

    /// A first, cheap check: JSON starts with `{`, `[` or a scalar, never `<` (an HTML error page from a proxy).
    private var looksLikeJSON: Bool {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return false }
        return first != UInt8(ascii: "<")
    }

    /// "text/html, 1234 bytes": what the body was, without quoting it (it may hold secrets
    /// the patterns do not know, and an HTML page is noise in an error).
    var bodySummary: String {
        let type = headers["Content-Type"].map { $0.split(separator: ";").first.map(String.init) ?? $0 } ?? "no content type"
        return "\(type), \(body.count) bytes"
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "unexpected value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "null where \(type) was expected at \(path(context.codingPath))"
        @unknown default:
            return "unexpected JSON shape"
        }
    }
}
