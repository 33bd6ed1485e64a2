import Foundation
import OpsCore
import Synchronization

/// The one HTTP client every connector uses. Per service it enforces deadlines, retries with
/// full-jitter backoff, honours the service's throttling signals, limits concurrency,
/// optionally serialises mutations, counts what it did, and redacts everything it reports.
package final class ServiceHTTPClient: Sendable {
    package let configuration: ServiceHTTPConfiguration
    package let metrics: HTTPMetrics
    package let redactor: Redactor

    private let transport: any HTTPTransport
    private let clock: any HTTPClientClock
    private let jitter: any JitterSource
    private let observer: (@Sendable (HTTPLogEvent) -> Void)?
    private let slots: AsyncSemaphore
    private let mutations = AsyncSemaphore(limit: 1)
    /// Monotonic time until which the whole service is paused, set when the service names a
    /// wait (`Retry-After`, a rate-limit reset): every request honours it, not just the one told.
    private let pausedUntil = Mutex<Duration?>(nil)

    package init(
        configuration: ServiceHTTPConfiguration,
        redactor: Redactor = Redactor(),
        metrics: HTTPMetrics = HTTPMetrics(),
        transport: (any HTTPTransport)? = nil,
        clock: any HTTPClientClock = SystemHTTPClientClock(),
        jitter: any JitterSource = SystemJitterSource(),
        observer: (@Sendable (HTTPLogEvent) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.redactor = redactor
        self.metrics = metrics
        self.transport = transport
            ?? CurlTransport(maxConnections: configuration.maxConcurrentRequests)
        self.clock = clock
        self.jitter = jitter
        self.observer = observer
        slots = AsyncSemaphore(limit: configuration.maxConcurrentRequests)
        redactor.registry.register(contentsOf: configuration.authorizer.secrets)
    }

    /// Runs `job` once a request can be sent without waiting for the transport's set-up: a
    /// request started while libcurl is still loading would hold a thread of the cooperative
    /// pool, and starting it could make the thread that asked create one, which waits for
    /// the loader's lock until the load is done (docs/performance.md).
    package func whenReady(_ job: @escaping @Sendable () -> Void) {
        transport.whenReady(job)
    }

    /// Sends `request`, retrying as the policy allows, and returns the response if its status
    /// is 2xx or one the request accepts. Throws `HTTPClientError` otherwise, or
    /// `CancellationError` when the calling task is cancelled.
    package func send(_ request: ServiceRequest) async throws -> ServiceResponse {
        guard let url = URLResolution.join(base: configuration.baseURL, target: request.target) else {
            throw report(.invalidURL(service: configuration.service, target: redactor.redact(request.target)))
        }
        let context = makeContext(method: request.method, url: url)
        guard ServiceOrigin(url: url) == ServiceOrigin(url: configuration.baseURL) else {
            throw report(.foreignURL(context, origin: redactor.redact(ServiceOrigin(url: url).description)))
        }
        do {
            if configuration.serialMutations, request.isMutation {
                // The mutation gate is taken before a concurrency slot, so a queued mutation
                // never sits on a slot that reads could use.
                return try await mutations.withPermit {
                    try await self.slots.withPermit { try await self.attempt(request, url: url, context: context) }
                }
            }
            return try await slots.withPermit { try await self.attempt(request, url: url, context: context) }
        } catch let error as HTTPClientError {
            throw report(error)
        }
    }

    /// Pages of a GitHub-style listing, following `rel="next"` to the end.
    package func paginateLinks(_ first: ServiceRequest, maxPages: Int = 1000) -> PageSequence<LinkHeaderPagination> {
        PageSequence(client: self, first: first, strategy: LinkHeaderPagination(), maxPages: maxPages)
    }

    /// Pages of any listing, with the connector's own notion of "next".
    package func pages<Strategy: PaginationStrategy>(_ first: ServiceRequest, strategy: Strategy, maxPages: Int = 1000)
        -> PageSequence<Strategy>
    {
        PageSequence(client: self, first: first, strategy: strategy, maxPages: maxPages)
    }

    // MARK: - Attempts

    private func attempt(_ request: ServiceRequest, url: URL, context: HTTPRequestContext) async throws -> ServiceResponse {
        let timeouts = effectiveTimeouts(request)
        let classifier = RetryClassifier(policy: configuration.retry, rateLimits: configuration.rateLimits)
        let start = clock.monotonicNow()
        let deadline = start + timeouts.overall
        var attempt = 0
        var secondaryHits = 0

        while true {
            attempt += 1
            try await waitWhilePaused(context: context, attempts: attempt - 1, deadline: deadline, timeouts: timeouts)
            let remaining = deadline - clock.monotonicNow()
            guard remaining > .zero else {
                throw HTTPClientError.timedOut(context, after: clock.monotonicNow() - start, attempts: attempt - 1)
            }
            let outgoing = try await prepare(request, url: url, context: context)
            if let observer {
                observer(.request(context, attempt: attempt, headers: redactor.redact(outgoing.headers)))
            }

            metrics.attemptStarted(isRetry: attempt > 1)
            let sentAt = clock.monotonicNow()
            let outcome: Result<HTTPResponse, TransportFailure>
            do {
                outcome = .success(try await transport.send(outgoing, timeout: min(timeouts.perAttempt, remaining)))
            } catch let failure as TransportFailure {
                outcome = .failure(failure)
            } catch {
                metrics.attemptFinished()
                throw error
            }
            metrics.attemptFinished()

            let decision: RetryDecision
            let failure: HTTPClientError
            var status: Int?
            var vendorMessage: String?
            switch outcome {
            case .success(let response):
                if let observer {
                    let elapsed = clock.monotonicNow() - sentAt
                    observer(
                        .response(
                            context, attempt: attempt, status: response.status, headers: redactor.redact(response.headers),
                            body: redactor.redactBody(response.body), elapsed: elapsed))
                }
                if (200..<300).contains(response.status) || request.acceptedStatuses.contains(response.status) {
                    return ServiceResponse(
                        status: response.status, headers: response.headers, body: response.body, url: url,
                        attempts: attempt, context: context)
                }
                status = response.status
                vendorMessage = VendorErrorMessage.extract(from: response.body, headers: response.headers, redactor: redactor)
                decision = classifier.decide(
                    status: response.status, headers: response.headers, body: response.body,
                    isIdempotent: request.isIdempotent, retry: attempt - 1, secondaryHits: secondaryHits,
                    now: clock.wallNow(), jitterUnit: jitter.nextUnit())
                failure = .status(context, status: response.status, attempts: attempt, message: vendorMessage)
            case .failure(let transportFailure):
                if transportFailure == .cancelled { throw CancellationError() }
                decision = classifier.decide(
                    failure: transportFailure, isIdempotent: request.isIdempotent, retry: attempt - 1,
                    jitterUnit: jitter.nextUnit())
                failure = transportFailure == .timedOut
                    ? .timedOut(context, after: clock.monotonicNow() - start, attempts: attempt)
                    : .connection(context, transportFailure, attempts: attempt)
            }

            guard case .retry(let wait, let reason) = decision else { throw failure }
            if reason.isRateLimit { metrics.throttled() }
            guard attempt < configuration.retry.maxAttempts else { throw failure }
            let now = clock.monotonicNow()
            if now + wait >= deadline {
                // Sleeping past the deadline only to fail later helps nobody; say why instead.
                if reason.isRateLimit {
                    throw HTTPClientError.rateLimited(
                        context, status: status, attempts: attempt, wait: wait, deadline: timeouts.overall,
                        message: vendorMessage)
                }
                throw failure
            }
            observer?(.retry(context, attempt: attempt, wait: wait, reason: reason))
            if reason == .secondaryRateLimit { secondaryHits += 1 }
            // A wait the service named holds back every request to it, this one included.
            if reason.pausesService { pause(until: now + wait) }
            try await sleep(wait)
        }
    }

    /// A request may shorten the service's deadlines, never extend them: they bound how long
    /// any one request to the service can hold up a plan or an apply.
    private func effectiveTimeouts(_ request: ServiceRequest) -> HTTPTimeouts {
        let service = configuration.timeouts
        guard let own = request.timeouts else { return service }
        return HTTPTimeouts(perAttempt: min(own.perAttempt, service.perAttempt), overall: min(own.overall, service.overall))
    }

    /// Defaults, then the request's own headers, then credentials.
    private func prepare(_ request: ServiceRequest, url: URL, context: HTTPRequestContext) async throws -> OutgoingRequest {
        var headers = configuration.defaultHeaders
        for field in request.headers { headers.remove(field.name) }
        for field in request.headers { headers.add(field.name, field.value) }
        var outgoing = OutgoingRequest(
            method: request.method, url: url, headers: headers, body: request.body, mayReuseConnection: request.isIdempotent)
        do {
            for field in try await configuration.authorizer.headers(for: outgoing) {
                outgoing.headers.set(field.name, field.value)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw HTTPClientError.authorization(context, reason: redactor.redact(String(describing: error)))
        }
        return outgoing
    }

    // MARK: - Waiting

    private func pause(until instant: Duration) {
        pausedUntil.withLock { current in
            if let existing = current, existing >= instant { return }
            current = instant
        }
    }

    private func waitWhilePaused(context: HTTPRequestContext, attempts: Int, deadline: Duration, timeouts: HTTPTimeouts)
        async throws
    {
        while let until = pausedUntil.withLock({ $0 }) {
            let now = clock.monotonicNow()
            guard until > now else { return }
            if until >= deadline {
                throw HTTPClientError.rateLimited(
                    context, status: nil, attempts: attempts, wait: until - now, deadline: timeouts.overall, message: nil)
            }
            try await sleep(until - now)
        }
    }

    private func sleep(_ duration: Duration) async throws {
        guard duration > .zero else { return }
        try await clock.sleep(for: duration)
        metrics.waited(duration)
    }

    // MARK: - Reporting

    private func makeContext(method: String, url: URL) -> HTTPRequestContext {
        let target = redactor.redact(URLResolution.relativeTarget(of: url, base: configuration.baseURL))
        let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        return HTTPRequestContext(service: configuration.service, method: method, path: path, target: target)
    }

    private func report(_ error: HTTPClientError) -> HTTPClientError {
        metrics.failed()
        observer?(.failure(error))
        return error
    }
}

/// Time as the client sees it, injectable so tests can observe (or skip) waits.
///
/// Deadlines use `monotonicNow`, which never jumps; `Retry-After` dates and rate-limit reset
/// epochs are wall-clock times and use `wallNow`. The per-attempt timeout is always real
/// time: it guards a real socket.
package protocol HTTPClientClock: Sendable {
    /// Time since an arbitrary fixed origin.
    func monotonicNow() -> Duration
    func wallNow() -> Date
    func sleep(for duration: Duration) async throws
}

package struct SystemHTTPClientClock: HTTPClientClock {
    private let origin = ContinuousClock.now

    package init() {}

    package func monotonicNow() -> Duration { ContinuousClock.now - origin }

    package func wallNow() -> Date { Date() }

    package func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
