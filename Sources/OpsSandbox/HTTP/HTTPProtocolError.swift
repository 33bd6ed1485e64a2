/// Why a request could not be read as HTTP/1.1. Each case is answered by the server itself,
/// before any emulator sees the request, and the connection is then closed because the
/// stream can no longer be trusted to be at a request boundary.
enum HTTPProtocolError: Error, Sendable, Equatable {
    case malformedRequestLine
    case unsupportedVersion(String)
    case malformedHeader
    case headersTooLarge(limit: Int)
    case bodyTooLarge(length: Int, limit: Int)
    case lengthRequired
    case unsupportedTransferEncoding(String)
    case invalidContentLength
    case requestTimeout

    var status: Int {
        switch self {
        case .malformedRequestLine, .malformedHeader, .invalidContentLength: 400
        case .unsupportedVersion: 505
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .lengthRequired: 411
        case .unsupportedTransferEncoding: 501
        case .requestTimeout: 408
        }
    }

    var message: String {
        switch self {
        case .malformedRequestLine:
            "The request line is not 'METHOD /path HTTP/1.1'."
        case .unsupportedVersion(let version):
            "The sandbox speaks HTTP/1.1 and HTTP/1.0, not \(version)."
        case .malformedHeader:
            "A header line is not 'Name: value'."
        case .headersTooLarge(let limit):
            "The request line and headers exceed \(limit) bytes."
        case .bodyTooLarge(let length, let limit):
            "The request body of \(length) bytes exceeds the limit of \(limit) bytes."
        case .lengthRequired:
            "Chunked request bodies are not supported; send the body with a Content-Length header."
        case .unsupportedTransferEncoding(let coding):
            "Transfer-Encoding '\(coding)' is not supported; send the body with a Content-Length header."
        case .invalidContentLength:
            "The Content-Length header is not a single non-negative integer."
        case .requestTimeout:
            "The request did not arrive completely in time."
        }
    }
}
