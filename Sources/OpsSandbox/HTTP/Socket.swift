import Glibc

/// A failed socket call and the errno it left.
struct SocketFailure: Error, Sendable, Equatable {
    let operation: String
    let code: Int32

    var reason: String { String(cString: strerror(code)) }
}

/// The few BSD socket calls the sandbox needs, each wrapped once so errno handling, `EINTR`
/// retries and `SIGPIPE` avoidance live in one place.
enum Socket {
    /// Binds a TCP listener to 127.0.0.1 only: the sandbox accepts any bearer token, so it must
    /// never be reachable from another machine.
    static func listenOnLoopback(port: UInt16, backlog: Int32) throws(SocketFailure) -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketFailure(operation: "socket", code: errno) }
        setCloseOnExec(fd)
        var one: Int32 = 1
        // Tests stop and start servers many times; without SO_REUSEADDR a fixed port stays
        // in TIME_WAIT after a stop.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketFailure(operation: "bind", code: code)
        }
        guard listen(fd, backlog) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketFailure(operation: "listen", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketFailure(operation: "getsockname", code: code)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// Accepts one connection; nil when the call failed in a way worth retrying (or the
    /// listener is going away, which the caller learns from its stop signal).
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                setCloseOnExec(fd)
                return fd
            }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Options for an accepted connection: no Nagle delay (small keep-alive responses would
    /// otherwise wait for delayed ACKs, which distorts latency benchmarks), the kernel's time of
    /// arrival on what is received (`receiveStamped`), and a send timeout so a client that
    /// stops reading cannot pin a thread.
    static func configureAccepted(_ fd: Int32, writeTimeout: Duration) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, socklen_t(MemoryLayout<Int32>.size))
        let millis = max(1, writeTimeout.roundedUpMilliseconds)
        var timeout = timeval(tv_sec: Int(millis / 1000), tv_usec: Int(millis % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes every byte or reports failure (peer gone, send timeout). `MSG_NOSIGNAL` keeps a
    /// vanished peer from raising SIGPIPE, which would kill the whole process.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Appends up to `maximum` bytes; returns the count, 0 at end of stream, -1 on error.
    static func receive(_ fd: Int32, appendingTo buffer: inout [UInt8], maximum: Int) -> Int {
        receiveStamped(fd, appendingTo: &buffer, maximum: maximum).count
    }

    /// Like `receive`, with when the kernel received the bytes read, if the socket records it
    /// (`configureAccepted`): the latest segment's wall-clock stamp, carried in an
    /// `SCM_TIMESTAMPNS` control message, as an instant of the monotonic clock.
    static func receiveStamped(_ fd: Int32, appendingTo buffer: inout [UInt8], maximum: Int) -> (count: Int, arrival: ContinuousClock.Instant?) {
        var chunk = [UInt8](repeating: 0, count: maximum)
        // One control message: its header, padded to eight bytes, then a timespec.
        let headerSize = (MemoryLayout<cmsghdr>.size + 7) & ~7
        var control = [UInt8](repeating: 0, count: headerSize + MemoryLayout<timespec>.size)
        while true {
            var controlLength = 0
            let count = chunk.withUnsafeMutableBytes { bytes in
                control.withUnsafeMutableBytes { controlBytes in
                    var vector = iovec(iov_base: bytes.baseAddress, iov_len: maximum)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr()
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBytes.baseAddress
                        message.msg_controllen = controlBytes.count
                        let received = recvmsg(fd, &message, 0)
                        controlLength = message.msg_controllen
                        return received
                    }
                }
            }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                let stamped = controlLength >= headerSize + MemoryLayout<timespec>.size
                return (count, stamped ? arrivalStamp(in: control, headerSize: headerSize) : nil)
            }
            if count < 0 && errno == EINTR { continue }
            return (count, nil)
        }
    }

    private static func arrivalStamp(in control: [UInt8], headerSize: Int) -> ContinuousClock.Instant? {
        let stamp = control.withUnsafeBytes { bytes -> timespec? in
            let header = bytes.loadUnaligned(as: cmsghdr.self)
            guard header.cmsg_len >= headerSize + MemoryLayout<timespec>.size, header.cmsg_level == SOL_SOCKET,
                header.cmsg_type == SO_TIMESTAMPNS
            else { return nil }
            return bytes.loadUnaligned(fromByteOffset: headerSize, as: timespec.self)
        }
        guard let stamp else { return nil }
        // The stamp is wall-clock time; its age is carried over to the monotonic clock. A
        // negative age, or one of seconds, means the wall clock was set since (or the bytes sat
        // unread that long): the caller then goes by when it read them.
        var wallNow = timespec()
        clock_gettime(CLOCK_REALTIME, &wallNow)
        let now = ContinuousClock.now
        let age = Duration.seconds(wallNow.tv_sec - stamp.tv_sec) + .nanoseconds(wallNow.tv_nsec - stamp.tv_nsec)
        guard age >= .zero, age < .seconds(5) else { return nil }
        return now - age
    }

    /// Closes so the peer sees a TCP RST instead of an orderly FIN: SO_LINGER with a zero
    /// timeout discards unsent data and aborts the connection, like a crashed upstream.
    static func closeWithReset(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        Glibc.close(fd)
    }

    static func close(_ fd: Int32) {
        Glibc.close(fd)
    }

    /// Wakes any thread blocked on the socket without releasing the descriptor number, so the
    /// owning thread can still close it exactly once.
    static func shutdownBoth(_ fd: Int32) {
        Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Half-closes: the peer reads end of stream, and can still send (which we drain).
    static func shutdownWrite(_ fd: Int32) {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Glibc's module does not export `accept4` or `pipe2`, so close-on-exec is set right
    /// after creation: a child process the CLI starts must not inherit sandbox sockets.
    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
}
