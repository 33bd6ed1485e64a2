import OpsCore

/// Decides what each request gets: the control endpoint, or (after injected latency, scripted
/// steps and random faults, in that order) the emulator mounted at the first path segment.
final class SandboxRouter: RequestRouting {
    let emulators: [String: any ServiceEmulator]
    let state: SandboxStateStore
    let control: ControlEndpoint
    let scripts: ScriptedFaultBook
    let faults: FaultRoller
    let latency: Duration
    let stop: StopSignal
    let port: UInt16

    init(emulators: [any ServiceEmulator], state: SandboxStateStore, configuration: SandboxConfiguration, stop: StopSignal, port: UInt16) {
        var byScope: [String: any ServiceEmulator] = [:]
        for emulator in emulators { byScope[emulator.scope] = emulator }
        self.emulators = byScope
        self.state = state
        scripts = ScriptedFaultBook()
        control = ControlEndpoint(scopes: emulators.map(\.scope).sorted(), state: state, scripts: scripts)
        faults = FaultRoller(plan: configuration.faults, seed: configuration.seed)
        latency = configuration.latency
        self.stop = stop
        self.port = port
    }

    func route(_ request: HTTPRequest) -> RouteOutcome {
        let path = request.path
        if ControlEndpoint.owns(path) { return .respond(control.handle(request)) }

        if latency > .zero, stop.sleep(latency) == .stopped { return .drop }

        let (scope, rest) = Self.split(path)
        guard let emulator = emulators[scope] else {
            let mounted = emulators.keys.sorted().map { "/\($0)" }.joined(separator: ", ")
            return .respond(.json(404, [
                "message": .string("Not Found: no service is mounted at /\(scope); this sandbox serves \(mounted)")
            ]))
        }
        let emulated = EmulatorRequest(
            method: request.method == "HEAD" ? "GET" : request.method,
            path: rest,
            query: QueryParameters(parsing: request.query),
            headers: request.headers,
            body: request.body,
            mountURL: "http://\(authority(request.headers["Host"]))/\(scope)",
            original: request
        )

        if let step = scripts.take(method: request.method, path: path) {
            if step.delay > .zero, stop.sleep(step.delay) == .stopped { return .drop }
            switch step.action {
            case .passThrough:
                break
            case .reset:
                return .reset
            case .hang(let duration):
                return .hang(duration)
            case .respond(let status, let headers, let body):
                return .respond(scripted(status: status, headers: headers, body: body, emulator: emulator, request: emulated))
            }
        } else if let fault = faults.roll() {
            switch fault {
            case .reset: return .reset
            case .status(let status): return .respond(emulator.errorResponse(.injected(status: status), for: emulated))
            }
        }
        return .respond(emulator.handle(emulated, state: state))
    }

    private func scripted(status: Int, headers: HTTPHeaders, body: ScriptedStep.Body?, emulator: any ServiceEmulator, request: EmulatorRequest) -> HTTPResponse {
        let base: HTTPResponse
        switch body {
        case nil where status >= 400:
            base = emulator.errorResponse(.injected(status: status), for: request)
        case nil:
            base = .empty(status)
        case .json(let value)?:
            base = .json(status, value)
        case .text(let text)?:
            base = .text(status, text)
        }
        var response = base.adding(headers)
        response.status = status
        return response
    }

    /// `/github/repos/x` → ("github", "/repos/x"); `/github` → ("github", "/").
    static func split(_ path: String) -> (scope: String, rest: String) {
        let trimmed = path.drop { $0 == "/" }
        guard let slash = trimmed.firstIndex(of: "/") else { return (String(trimmed), "/") }
        return (String(trimmed[..<slash]), String(trimmed[slash...]))
    }

    /// The authority the client used, for absolute URLs in responses. Anything but a plain
    /// host[:port] falls back to the bound address, so a forged `Host` cannot inject text
    /// into `Link` headers.
    private func authority(_ host: String?) -> String {
        if let host, !host.isEmpty, host.utf8.count <= 255, host.utf8.allSatisfy({ byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }) {
            return host
        }
        return "127.0.0.1:\(port)"
    }
}
