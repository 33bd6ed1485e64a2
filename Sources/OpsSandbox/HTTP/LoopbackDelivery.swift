import Foundation
import Glibc
import OpsCore

/// The sandbox calling out, as Slack calls an app's Request URL: one `POST` to a receiver on
/// 127.0.0.1, written and read with the sandbox's own socket calls. Only loopback URLs are
/// accepted, since the sandbox must never reach beyond this machine.
enum LoopbackDelivery {
    struct Failure: Error, Sendable, Equatable {
        var reason: String
    }

    /// The receiver's answer; the connection is closed after one exchange.
    static func post(to url: String, headers: HTTPHeaders, body: [UInt8], timeout: Duration = .seconds(10)) throws(Failure) -> HTTPResponse {
        guard let parsed = URL(string: url), parsed.scheme == "http", let host = parsed.host, ["127.0.0.1", "localhost"].contains(host),
            let port = parsed.port, port > 0, port < 65536
        else { throw Failure(reason: "the receiver URL must be http://127.0.0.1:PORT/…, not '\(url)'") }
        let target = (parsed.path.isEmpty ? "/" : parsed.path) + (parsed.query.map { "?" + $0 } ?? "")
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(reason: "socket failed") }
        defer { Glibc.close(fd) }
        Socket.setCloseOnExec(fd)
        var seconds = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(reason: "nothing accepts connections at \(url)") }

        var head = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        guard Socket.sendAll(fd, Array((head + "\r\n").utf8) + body) else { throw Failure(reason: "the receiver closed the connection") }

        var received: [UInt8] = []
        while received.count < 8 * 1024 * 1024 {
            let count = Socket.receive(fd, appendingTo: &received, maximum: 64 * 1024)
            if count <= 0 { break }
        }
        return try parse(received)
    }

    /// Status line, headers, and the body up to `Content-Length` (or the end of the stream).
    private static func parse(_ bytes: [UInt8]) throws(Failure) -> HTTPResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure(reason: "the receiver sent no complete HTTP response")
        }
        let lines = bytes[..<end].split(separator: 10, omittingEmptySubsequences: false)
        let statusLine = lines[0].last == 13 ? lines[0].dropLast() : lines[0]
        let statusParts = String(decoding: statusLine, as: UTF8.self).split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw Failure(reason: "the receiver's status line is not HTTP/1.x")
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let field = HTTPFieldLine(bytes: line) else { continue }
            headers.add(field.name, field.value)
        }
        var body = Array(bytes[(end + 4)...])
        if let length = headers["Content-Length"].flatMap(Int.init), length < body.count { body = Array(body[..<length]) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}
