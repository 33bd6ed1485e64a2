import OpsCore

/// Turns an `HTTPResponse` into wire bytes. The server owns message framing: whatever
/// `Content-Length`, `Transfer-Encoding` or `Connection` an emulator set is replaced, so a
/// scripted fault cannot desynchronise a keep-alive connection by accident.
enum ResponseSerializer {
    private static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "connection", "date"]

    static func serialize(_ response: HTTPResponse, headOnly: Bool, keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(HTTPStatusPhrase.phrase(for: response.status))\r\n"
        text += "Date: \(SandboxTimestamp.now().httpDate)\r\n"
        for field in response.headers where !framingHeaders.contains(field.name.lowercased()) {
            text += "\(field.name): \(field.value)\r\n"
        }
        // RFC 9110 §8.6: no Content-Length on 1xx or 204 responses; 304 has no body.
        let bodyless = response.status < 200 || response.status == 204 || response.status == 304
        if !bodyless {
            text += "Content-Length: \(response.body.count)\r\n"
        }
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        var bytes = Array(text.utf8)
        if !headOnly && !bodyless {
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    static let continueInterim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
