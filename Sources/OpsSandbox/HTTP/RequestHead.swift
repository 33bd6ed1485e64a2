import OpsCore

/// The request line and headers of one HTTP/1.x request, before its body is read.
struct RequestHead: Sendable, Equatable {
    var method: String
    var target: String
    /// Minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: HTTPHeaders

    /// Persistent unless the client asks to close; HTTP/1.0 must opt in with `keep-alive`.
    var wantsKeepAlive: Bool {
        let tokens = headers.values("Connection")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingOWS.lowercased() }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }

    var expectsContinue: Bool {
        headers["Expect"]?.lowercased() == "100-continue"
    }

    /// How many body bytes follow, or why the body cannot be framed.
    func bodyLength(limit: Int) throws(HTTPProtocolError) -> Int {
        if let coding = headers["Transfer-Encoding"] {
            // A chunked body could be decoded, but no connector sends one; a clear 411 tells a
            // misconfigured client exactly what to change.
            if coding.lowercased().contains("chunked") { throw .lengthRequired }
            throw .unsupportedTransferEncoding(coding)
        }
        let values = headers.values("Content-Length").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingOWS }
        guard let first = values.first else { return 0 }
        guard values.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .invalidContentLength
        }
        guard let length = Int(first) else { throw .bodyTooLarge(length: Int.max, limit: limit) }
        if length > limit { throw .bodyTooLarge(length: length, limit: limit) }
        return length
    }
}
