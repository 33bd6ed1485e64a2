import Glibc
import OpsCore
@testable import OpsSandbox

/// The sandbox's HTTP/1.1 request reading as a connection does it: the bytes arrive on a
/// socket (a Unix socket pair here, closed after the input), `ConnectionReader` splits off
/// each head, `RequestHeadParser` parses it, the body length is framed and the body read,
/// request after request (pipelining) until the input ends or a request is refused. The
/// limits are small so the too-large paths are reachable with short inputs. Each request's
/// target is then read as the emulators read it: the query split into parameters and
/// percent-decoded, and the path's segments percent-decoded.
public enum HTTPRequestFuzzTarget {
    static let limits = SandboxLimits(maxHeaderBytes: 2048, maxBodyBytes: 4096)
    // Everything is already buffered in the socket, so no wait should ever reach these.
    static let timeout = Duration.seconds(5)

    public static func run(_ bytes: [UInt8]) {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
            fatalError("socketpair failed: errno \(errno)")
        }
        defer { close(ends[0]) }
        // Inputs are bounded by -max_len, far below the socket buffer, so this write never blocks.
        var sendBufferSize: Int32 = 1 << 20
        _ = setsockopt(ends[1], SOL_SOCKET, SO_SNDBUF, &sendBufferSize, socklen_t(MemoryLayout<Int32>.size))
        guard bytes.isEmpty || Socket.sendAll(ends[1], bytes) else { fatalError("could not queue the input") }
        close(ends[1])

        let stop: StopSignal
        do { stop = try StopSignal() } catch { fatalError("pipe failed: \(error)") }
        defer { stop.close() }
        var reader = ConnectionReader(fd: ends[0], stop: stop)
        while true {
            do throws(ConnectionReader.Failure) {
                let headBytes = try reader.readHead(maxBytes: limits.maxHeaderBytes, idleTimeout: timeout, requestTimeout: timeout)
                let head: RequestHead
                let length: Int
                do throws(HTTPProtocolError) {
                    head = try RequestHeadParser.parse(headBytes)
                    length = try head.bodyLength(limit: limits.maxBodyBytes)
                } catch {
                    _ = (error.status, error.message)
                    return
                }
                _ = (head.wantsKeepAlive, head.expectsContinue)
                let body = try reader.readBody(count: length, timeout: timeout)
                let request = HTTPRequest(method: head.method, target: head.target, headers: head.headers, body: body)
                readTarget(request)
            } catch {
                if case .protocolError(let problem) = error { _ = (problem.status, problem.message) }
                return
            }
        }
    }

    /// Pagination links re-encode the client's parameters with one of them changed, so what
    /// was decoded must encode and decode back to itself.
    static func readTarget(_ request: HTTPRequest) {
        for segment in request.path.split(separator: "/") { _ = PercentEncoding.decode(segment) }
        let parameters = QueryParameters(parsing: request.query)
        for item in parameters.items {
            guard PercentEncoding.decode(PercentEncoding.encode(item.value)) == item.value else {
                fatalError("a decoded query value does not survive encoding and decoding again")
            }
        }
        let next = QueryParameters(parsing: parameters.setting("page", to: "2"))
        guard next["page"] == "2", next.items.count == parameters.items.filter({ $0.name != "page" }).count + 1 else {
            fatalError("setting a query parameter loses or adds parameters")
        }
    }
}
