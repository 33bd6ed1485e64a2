import Foundation
import Glibc
import OpsCore

/// A response read off the wire by `RawHTTPConnection`.
struct RawResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSONValue {
        try JSONParser.parse(body)
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

/// A hand-rolled HTTP/1.1 client over one TCP connection, so tests control every byte:
/// missing headers, keep-alive reuse, oversized requests, resets.
final class RawHTTPConnection {
    let fd: Int32
    let port: UInt16
    private var buffer: [UInt8] = []

    init(port: UInt16, receiveTimeout: Int = 10) throws {
        self.port = port
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError(description: "socket failed: errno \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = Self.connect(fd, port: port)
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw RawHTTPError(description: "connect failed: errno \(code)")
        }
    }

    deinit {
        Glibc.close(fd)
    }

    /// Connects a fresh socket to 127.0.0.1:port; returns 0 or the errno.
    static func connectionErrno(port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(fd) }
        return connect(fd, port: port) == 0 ? 0 : errno
    }

    private static func connect(_ fd: Int32, port: UInt16) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw RawHTTPError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Sends a request with `Content-Length` framing.
    func send(method: String, path: String, headers: [(String, String)], body: [UInt8] = []) throws {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        try send(Array(text.utf8) + body)
    }

    /// Reads one response (Content-Length framed, or to end of stream).
    func readResponse(headOnly: Bool = false) throws -> RawResponse {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawHTTPError(description: "bad status line: \(head)") }
                var headers = HTTPHeaders()
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                if status == 100 { continue }
                if headOnly || status == 204 || status == 304 { return RawResponse(status: status, headers: headers, body: []) }
                if let length = headers["Content-Length"].flatMap(Int.init) {
                    while buffer.count < length {
                        guard try fill() > 0 else { throw RawHTTPError(description: "connection closed mid-body") }
                    }
                    let body = Array(buffer[..<length])
                    buffer.removeFirst(length)
                    return RawResponse(status: status, headers: headers, body: body)
                }
                while try fill() > 0 {}
                let body = buffer
                buffer.removeAll()
                return RawResponse(status: status, headers: headers, body: body)
            }
            guard try fill() > 0 else { throw RawHTTPError(description: "connection closed before a response (\(buffer.count) bytes buffered)") }
        }
    }

    /// What the next read sees: end of stream, a reset, a timeout, or data.
    enum PeerState: Equatable {
        case closed
        case reset
        case timedOut
        case data
    }

    func peerState() -> PeerState {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return .data
        }
        if count == 0 { return .closed }
        switch errno {
        case ECONNRESET: return .reset
        case EAGAIN: return .timedOut
        default: return .closed
        }
    }

    private func fill() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET { throw RawHTTPError(description: "connection reset") }
            if errno == EAGAIN { throw RawHTTPError(description: "timed out waiting for the server") }
            throw RawHTTPError(description: "recv failed: errno \(errno)")
        }
        buffer.append(contentsOf: chunk[0..<count])
        return count
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}
