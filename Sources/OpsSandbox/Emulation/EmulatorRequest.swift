import OpsCore

/// A request as an emulator sees it: below its mount point, with the query parsed and the
/// absolute URL of the mount point known, so bodies and `Link` headers can hold URLs that
/// lead back to this sandbox.
package struct EmulatorRequest: Sendable {
    /// `HEAD` arrives as `GET`; the server drops the body when writing the response.
    package var method: String
    /// The path below the mount point, still percent-encoded: `/repos/acme/app/labels`.
    package var path: String
    package var query: QueryParameters
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// `http://127.0.0.1:PORT/github`, from the `Host` the client used.
    package var mountURL: String
    /// The request exactly as received, including the mount prefix.
    package var original: HTTPRequest

    package init(method: String, path: String, query: QueryParameters, headers: HTTPHeaders, body: [UInt8], mountURL: String, original: HTTPRequest) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.mountURL = mountURL
        self.original = original
    }

    /// Path segments, each percent-decoded once. Splitting happens before decoding, so an
    /// encoded `%2F` stays inside its segment. Nil when an escape is malformed.
    package var segments: [String]? {
        var decoded: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = PercentEncoding.decode(raw) else { return nil }
            decoded.append(segment)
        }
        return decoded
    }
}
