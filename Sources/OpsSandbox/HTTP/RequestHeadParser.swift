import OpsCore

/// Parses the bytes of a request head (everything before the blank line) into a `RequestHead`.
enum RequestHeadParser {
    static func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPProtocolError) -> RequestHead {
        // Split on bytes, not Characters: Swift treats "\r\n" as one Character, so splitting
        // a String on "\n" would never separate CRLF-terminated lines. Header bytes are ASCII
        // in practice; decoding as UTF-8 keeps stray bytes visible as replacement characters.
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let firstLine = lines.first else { throw .malformedRequestLine }
        let requestLine = String(decoding: firstLine, as: UTF8.self)

        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, isToken(parts[0]), parts[1].hasPrefix("/") else { throw .malformedRequestLine }
        let version = String(parts[2])
        let minorVersion: Int
        switch version {
        case "HTTP/1.1": minorVersion = 1
        case "HTTP/1.0": minorVersion = 0
        default:
            if version.hasPrefix("HTTP/") { throw .unsupportedVersion(version) }
            throw .malformedRequestLine
        }

        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            // Obsolete line folding and names with white space are request-smuggling vectors;
            // RFC 9112 says to reject them.
            guard let field = HTTPFieldLine(bytes: line), !field.startsWithWhiteSpace, field.isToken else {
                throw .malformedHeader
            }
            headers.add(field.name, field.value)
        }
        return RequestHead(method: String(parts[0]), target: String(parts[1]), minorVersion: minorVersion, headers: headers)
    }

    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(HTTPFieldLine.isTokenByte)
    }
}
