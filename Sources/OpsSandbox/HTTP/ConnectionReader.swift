/// Buffered reading of HTTP/1.1 requests from one connection, with deadlines. Bytes past the
/// end of one request stay buffered for the next, so pipelined requests are not lost.
struct ConnectionReader {
    enum Failure: Error, Equatable {
        /// The peer closed, the server is stopping, or the connection sat idle between
        /// requests: nothing to answer, just close.
        case closed
        /// A request was started but is unreadable; answer with its status, then close.
        case protocolError(HTTPProtocolError)
    }

    private let fd: Int32
    private let stop: StopSignal
    private var buffer: [UInt8] = []
    private var start = 0
    /// When the bytes last read reached the machine (the kernel's stamp), or when they were read.
    private var lastArrival = ContinuousClock.now
    /// When the first bytes of the request `readHead` last returned reached the machine: an
    /// injected latency counts from here, not from when this thread got round to reading it.
    private(set) var requestArrival = ContinuousClock.now

    init(fd: Int32, stop: StopSignal) {
        self.fd = fd
        self.stop = stop
    }

    /// Reads one request head, up to and excluding the blank line. Waits at most `idleTimeout`
    /// for its first byte and `requestTimeout` from then on, so a stalled client cannot pin
    /// the thread.
    mutating func readHead(maxBytes: Int, idleTimeout: Duration, requestTimeout: Duration) throws(Failure) -> ArraySlice<UInt8> {
        skipBlankLines()
        var deadline = MonotonicDeadline.after(idleTimeout)
        var started = start < buffer.count
        if started {
            deadline = .after(requestTimeout)
            requestArrival = lastArrival
        }
        var scanned = start
        while true {
            if let end = findHeadEnd(from: scanned) {
                let head = buffer[start..<end.headEnd]
                start = end.bodyStart
                if head.count > maxBytes { throw .protocolError(.headersTooLarge(limit: maxBytes)) }
                return head
            }
            if buffer.count - start > maxBytes { throw .protocolError(.headersTooLarge(limit: maxBytes)) }
            scanned = max(start, buffer.count - 3)
            switch fill(until: deadline) {
            case .some(let count) where count > 0:
                if !started {
                    skipBlankLines()
                    if start < buffer.count {
                        started = true
                        deadline = .after(requestTimeout)
                        requestArrival = lastArrival
                    }
                    scanned = start
                }
            case .some:
                throw .closed
            case .none:
                if started { throw .protocolError(.requestTimeout) }
                throw .closed
            }
        }
    }

    /// Reads exactly `count` body bytes before the deadline.
    mutating func readBody(count: Int, timeout: Duration) throws(Failure) -> [UInt8] {
        let deadline = MonotonicDeadline.after(timeout)
        while buffer.count - start < count {
            switch fill(until: deadline) {
            case .some(let read) where read > 0: continue
            case .some: throw .closed
            case .none: throw .protocolError(.requestTimeout)
            }
        }
        let body = Array(buffer[start..<(start + count)])
        start += count
        compact()
        return body
    }

    /// Whether the client has already sent bytes of another request (pipelining).
    var hasBufferedBytes: Bool { start < buffer.count }

    /// Reads what is available: the byte count, 0 at end of stream or on error, nil when the
    /// deadline passed or the server is stopping (the caller tells those apart by `started`).
    private mutating func fill(until deadline: MonotonicDeadline) -> Int? {
        switch stop.waitReadable(fd, until: deadline) {
        case .ready:
            let received = Socket.receiveStamped(fd, appendingTo: &buffer, maximum: 16 * 1024)
            lastArrival = received.arrival ?? ContinuousClock.now
            return max(received.count, 0)
        case .timedOut:
            return nil
        case .stopped:
            return 0
        }
    }

    /// RFC 9112 §2.2: a server should ignore empty lines received before a request line.
    private mutating func skipBlankLines() {
        while start < buffer.count, buffer[start] == 13 || buffer[start] == 10 { start += 1 }
    }

    private func findHeadEnd(from index: Int) -> (headEnd: Int, bodyStart: Int)? {
        var i = max(index, start)
        while i < buffer.count {
            if buffer[i] == 10 {
                // "\n\n" or "\n\r\n" ends the head; a lone "\n" line ending is tolerated.
                if i + 1 < buffer.count, buffer[i + 1] == 10 { return (i + 1, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == 13, buffer[i + 2] == 10 { return (i + 1, i + 3) }
            }
            i += 1
        }
        return nil
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64 * 1024 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
