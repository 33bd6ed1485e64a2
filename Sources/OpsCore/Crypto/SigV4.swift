/// AWS Signature Version 4 for header-signed requests: the canonical request and the string to
/// sign are built here by hand (they are a wire format), every hash and MAC is libcrypto's.
/// One implementation serves the SSM and STS connectors, which sign, and the sandbox's AWS
/// emulator, which verifies exactly as AWS does.
package struct SigV4: Sendable {
    package static let algorithm = "AWS4-HMAC-SHA256"

    package struct Credentials: Sendable, Equatable {
        package var accessKeyID: String
        package var secretAccessKey: String
        /// Temporary credentials (STS) carry a token, sent as `X-Amz-Security-Token` and signed.
        package var sessionToken: String?

        package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// What is signed. `path` is the decoded path (`/`, `/example space/`); `query` the raw
    /// query string as sent, without `?`. Headers keep their order: repeated names are joined
    /// in the order they appear.
    package struct Request: Sendable, Equatable {
        package var method: String
        package var path: String
        package var query: String
        package var headers: [(name: String, value: String)]
        package var body: [UInt8]

        package init(method: String, path: String, query: String = "", headers: [(name: String, value: String)], body: [UInt8] = []) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        package static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
    }

    package var region: String
    package var service: String

    package init(region: String, service: String) {
        self.region = region
        self.service = service
    }

    /// `20150830T123600Z` → `20150830`.
    package func scope(amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    // MARK: - Canonical request

    package func canonicalRequest(_ request: Request) throws(CryptoError) -> String {
        let headers = Self.canonicalHeaders(request.headers)
        return [
            request.method.uppercased(),
            Self.canonicalURI(request.path),
            Self.canonicalQuery(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            Self.signedHeaders(request.headers),
            try SHA256.hexHash(request.body),
        ].joined(separator: "\n")
    }

    /// Each segment percent-encoded once (RFC 3986 unreserved characters stay), after removing
    /// empty, `.` and `..` segments, as AWS normalises every service's paths but S3's.
    package static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let trailingSlash = path.hasSuffix("/") && !segments.isEmpty
        return "/" + segments.map { PercentEncoding.encode($0) }.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// Parameters decoded from how they were sent, re-encoded strictly, sorted by name then value.
    package static func canonicalQuery(_ query: String) -> String {
        let pairs: [(name: String, value: String)] = query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(parts[0]) ?? String(parts[0])
            let value = parts.count > 1 ? (PercentEncoding.decode(parts[1]) ?? String(parts[1])) : ""
            return (PercentEncoding.encode(name), PercentEncoding.encode(value))
        }
        return pairs.sorted { $0.name != $1.name ? $0.name < $1.name : $0.value < $1.value }
            .map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Lower-case names, sorted; values trimmed with inner runs of spaces collapsed; a name
    /// given several times keeps its values in order, joined by commas.
    package static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        var order: [String] = []
        for header in headers {
            let name = header.name.lowercased()
            if merged[name] == nil { order.append(name) }
            merged[name, default: []].append(collapseSpaces(header.value))
        }
        return order.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }

    package static func signedHeaders(_ headers: [(name: String, value: String)]) -> String {
        Set(headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    private static func collapseSpaces(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    // MARK: - Signature

    package func stringToSign(_ request: Request, amzDate: String) throws(CryptoError) -> String {
        let canonical = try canonicalRequest(request)
        return [Self.algorithm, amzDate, scope(amzDate: amzDate), try SHA256.hexHash(Array(canonical.utf8))].joined(separator: "\n")
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    package func signingKey(secretAccessKey: String, date: String) throws(CryptoError) -> [UInt8] {
        var key = Array("AWS4\(secretAccessKey)".utf8)
        for part in [date, region, service, "aws4_request"] {
            key = try HMACSHA256.authenticationCode(for: Array(part.utf8), key: key)
        }
        return key
    }

    package func signature(_ request: Request, credentials: Credentials, amzDate: String) throws(CryptoError) -> String {
        let key = try signingKey(secretAccessKey: credentials.secretAccessKey, date: String(amzDate.prefix(8)))
        return Hex.encode(try HMACSHA256.authenticationCode(for: Array(try stringToSign(request, amzDate: amzDate).utf8), key: key))
    }

    /// The `Authorization` header for a request whose headers already include `Host`,
    /// `X-Amz-Date` and, with temporary credentials, `X-Amz-Security-Token`.
    package func authorization(_ request: Request, credentials: Credentials, amzDate: String) throws(CryptoError) -> String {
        let signature = try signature(request, credentials: credentials, amzDate: amzDate)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(amzDate: amzDate)), "
            + "SignedHeaders=\(Self.signedHeaders(request.headers)), Signature=\(signature)"
    }

    /// The headers to add to an outgoing request: the date, the token when there is one, and
    /// the authorization over them and `headers` (which must include `Host`).
    package func signingHeaders(for request: Request, credentials: Credentials, amzDate: String) throws(CryptoError) -> [(name: String, value: String)] {
        var signed = request
        signed.headers.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        let authorization = try authorization(signed, credentials: credentials, amzDate: amzDate)
        return Array(signed.headers.dropFirst(request.headers.count)) + [("Authorization", authorization)]
    }

    /// `20150830T123600Z`.
    package static func amzDate(_ time: UTCTime) -> String {
        time.compact.prefix(8) + "T" + time.compact.suffix(6) + "Z"
    }
}
