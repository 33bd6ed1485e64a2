import Foundation
import OpsCore

/// One logical request to a service, before retries.
package struct ServiceRequest: Sendable, Hashable {
    /// Whether repeating the request after it may have reached the server is safe.
    package enum Idempotency: Sendable, Hashable {
        /// GET, HEAD and OPTIONS, or any request with an `Idempotency-Key` header.
        case automatic
        /// The caller vouches for it (a PUT that replaces a whole object, a keyed POST).
        case idempotent
        /// Never repeated, whatever its method says: Slack's read methods are POSTs that are
        /// safe, but `chat.postMessage` would post twice.
        case notIdempotent
    }

    package var method: String
    /// A path and query relative to the service's base URL (`/repos/o/r/labels?per_page=100`),
    /// or an absolute URL on the same origin, as pagination links are.
    package var target: String
    package var headers: HTTPHeaders
    package var body: [UInt8]
    package var idempotency: Idempotency
    /// Statuses besides 2xx that the caller handles itself (a 404 meaning "absent").
    package var acceptedStatuses: Set<Int>
    /// Shorter deadlines for this request; they cannot exceed the service's (a slow endpoint
    /// needs a service configuration with longer ones).
    package var timeouts: HTTPTimeouts?

    package init(
        method: String,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        idempotency: Idempotency = .automatic,
        acceptedStatuses: Set<Int> = [],
        timeouts: HTTPTimeouts? = nil
    ) {
        self.method = method.uppercased()
        self.target = target
        self.headers = headers
        self.body = body
        self.idempotency = idempotency
        self.acceptedStatuses = acceptedStatuses
        self.timeouts = timeouts
    }

    package static func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) -> ServiceRequest {
        ServiceRequest(method: "GET", target: target, headers: headers)
    }

    /// A request with a JSON body written by the project's canonical writer.
    package static func json(_ method: String, _ target: String, body: JSONValue, headers: HTTPHeaders = HTTPHeaders())
        -> ServiceRequest
    {
        var headers = headers
        if headers["Content-Type"] == nil { headers.set("Content-Type", "application/json") }
        return ServiceRequest(method: method, target: target, headers: headers, body: JSONWriter.canonicalBytes(body))
    }

    package var isIdempotent: Bool {
        switch idempotency {
        case .idempotent: true
        case .notIdempotent: false
        case .automatic: ["GET", "HEAD", "OPTIONS"].contains(method) || headers["Idempotency-Key"] != nil
        }
    }

    /// Writes that change remote state; these are serialised when the service asks for it.
    package var isMutation: Bool { ["POST", "PATCH", "PUT", "DELETE"].contains(method) }

    /// A copy with one query parameter set (replacing any with that name), for cursor
    /// pagination (Vercel's `until`).
    package func settingQueryItem(_ name: String, _ value: String) -> ServiceRequest {
        var copy = self
        let (path, query) = splitTarget()
        var items = query.split(separator: "&", omittingEmptySubsequences: true).map(String.init)
        let encodedName = Self.encodeQueryComponent(name)
        items.removeAll { $0 == encodedName || $0.hasPrefix(encodedName + "=") }
        items.append(encodedName + "=" + Self.encodeQueryComponent(value))
        copy.target = path + "?" + items.joined(separator: "&")
        return copy
    }

    private func splitTarget() -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// RFC 3986 unreserved characters pass; everything else is percent-encoded, so `+`, `&`
    /// and `=` inside a cursor cannot change the query's structure.
    static func encodeQueryComponent(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: queryComponentKept)
    }

    /// Brackets pass too, as in `filter[name]`, which some services' query names use.
    private static let queryComponentKept = PercentEncoding.KeptBytes(unreservedAnd: "[]")
}
