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

    /// Every answer but the control endpoint's leaves `latency` after its request arrived, as
    /// if the round trip took that long: the emulator works during the wait rather than after
    /// it, and the wait counts from the kernel's stamp of the request's arrival, not from when
    /// this thread was first scheduled to read it (docs/sandbox.md). A scripted step acts once
    /// the latency has passed (its own delay, then its action).
    func route(_ request: HTTPRequest, arrival: ContinuousClock.Instant) -> RouteOutcome {
        if ControlEndpoint.owns(request.path) { return .respond(control.handle(request)) }
        let decision = decide(request)
        if latency > .zero, stop.sleep(until: arrival + latency) == .stopped { return .drop }
        switch decision {
        case .ready(let outcome):
            return outcome
        case .scripted(let step, let emulator, let emulated):
            return scriptedOutcome(step, emulator: emulator, request: emulated)
        }
    }

    private enum Decision {
        /// Made before the wait: the emulator's answer, an injected fault, or no such service.
        case ready(RouteOutcome)
        case scripted(ScriptedStep, any ServiceEmulator, EmulatorRequest)
    }

    private func decide(_ request: HTTPRequest) -> Decision {
        let path = request.path
        let (scope, rest) = Self.split(path)
        guard let emulator = emulators[scope] else {
            let mounted = emulators.keys.sorted().map { "/\($0)" }.joined(separator: ", ")
            return .ready(.respond(.json(404, [
                "message": .string("Not Found: no service is mounted at /\(scope); this sandbox serves \(mounted)")
            ])))
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
        if let step = scripts.take(method: request.method, path: path) { return .scripted(step, emulator, emulated) }
        if let fault = faults.roll() {
            switch fault {
            case .reset: return .ready(.reset)
            case .status(let status): return .ready(.respond(emulator.errorResponse(.injected(status: status), for: emulated)))
            }
        }
        return .ready(.respond(emulator.handle(emulated, state: state)))
    }

    private func scriptedOutcome(_ step: ScriptedStep, emulator: any ServiceEmulator, request emulated: EmulatorRequest) -> RouteOutcome {
        if step.delay > .zero, stop.sleep(step.delay) == .stopped { return .drop }
        switch step.action {
        case .passThrough:
            return .respond(emulator.handle(emulated, state: state))
        case .reset:
            return .reset
        case .hang(let duration):
            return .hang(duration)
        case .respond(let status, let headers, let body):
            return .respond(scripted(status: status, headers: headers, body: body, emulator: emulator, request: emulated))
        }
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
