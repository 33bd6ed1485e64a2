import OpsCore

/// Serves one client connection on its own thread: reads requests one after another
/// (keep-alive), routes each, writes the answer, and decides how the connection ends.
struct ConnectionHandler {
    enum Ending {
        /// Close normally (FIN).
        case close
        /// Abort with a TCP RST.
        case reset
    }

    let fd: Int32
    let router: any RequestRouting
    let limits: SandboxLimits
    let stop: StopSignal
    let onRequest: (@Sendable (SandboxRequestRecord) -> Void)?

    func run() -> Ending {
        var reader = ConnectionReader(fd: fd, stop: stop)
        while true {
            let head: RequestHead
            let body: [UInt8]
            do throws(ConnectionReader.Failure) {
                let bytes = try reader.readHead(maxBytes: limits.maxHeaderBytes, idleTimeout: limits.idleTimeout, requestTimeout: limits.requestTimeout)
                head = try parse(bytes)
                let length = try bodyLength(of: head)
                // curl and some SDKs wait for this before sending a large body.
                if length > 0 && head.expectsContinue { _ = Socket.sendAll(fd, ResponseSerializer.continueInterim) }
                body = try reader.readBody(count: length, timeout: limits.requestTimeout)
            } catch {
                if case .protocolError(let problem) = error { refuse(problem) }
                return .close
            }

            let started = ContinuousClock.now
            let request = HTTPRequest(method: head.method, target: head.target, headers: head.headers, body: body)
            let keepAlive = head.wantsKeepAlive
            let outcome = router.route(request, arrival: reader.requestArrival)
            switch outcome {
            case .respond(let response):
                // Decided after routing: a stop during the request must not keep the connection.
                let keep = keepAlive && !stop.isTriggered
                // Logged before writing, so whoever reads the log after seeing the response
                // (a test, say) finds the request there.
                log(request, .answered(status: response.status), since: started)
                let sent = Socket.sendAll(fd, ResponseSerializer.serialize(response, headOnly: head.method == "HEAD", keepAlive: keep))
                if !sent || !keep { return .close }
            case .reset:
                log(request, .reset, since: started)
                return .reset
            case .hang(let duration):
                _ = stop.sleep(duration, watching: fd)
                log(request, .hung, since: started)
                return .close
            case .drop:
                log(request, .dropped, since: started)
                return .close
            }
        }
    }

    private func parse(_ bytes: ArraySlice<UInt8>) throws(ConnectionReader.Failure) -> RequestHead {
        do {
            return try RequestHeadParser.parse(bytes)
        } catch {
            throw .protocolError(error)
        }
    }

    private func bodyLength(of head: RequestHead) throws(ConnectionReader.Failure) -> Int {
        do {
            return try head.bodyLength(limit: limits.maxBodyBytes)
        } catch {
            throw .protocolError(error)
        }
    }

    /// Answers an unreadable request and closes politely: stop writing, then discard what the
    /// client is still sending for a moment. Closing with unread bytes would make the kernel
    /// send a RST, and the client would see "connection reset" instead of the 413 or 431.
    private func refuse(_ error: HTTPProtocolError) {
        let response = HTTPResponse.json(error.status, ["message": .string(error.message)])
        guard Socket.sendAll(fd, ResponseSerializer.serialize(response, headOnly: false, keepAlive: false)) else { return }
        Socket.shutdownWrite(fd)
        let deadline = MonotonicDeadline.after(.seconds(2))
        var sink: [UInt8] = []
        var drained = 0
        while drained < limits.maxBodyBytes + limits.maxHeaderBytes, stop.waitReadable(fd, until: deadline) == .ready {
            let count = Socket.receive(fd, appendingTo: &sink, maximum: 64 * 1024)
            if count <= 0 { break }
            drained += count
            sink.removeAll(keepingCapacity: true)
        }
    }

    private func log(_ request: HTTPRequest, _ outcome: SandboxRequestRecord.Outcome, since started: ContinuousClock.Instant) {
        onRequest?(SandboxRequestRecord(method: request.method, path: request.path, outcome: outcome, duration: ContinuousClock.now - started))
    }
}
