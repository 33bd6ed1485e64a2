/// How to get from one page to the next. GitHub's `Link` header is built in; a cursor in the
/// body is read by the connector's own conformance (Stripe's `starting_after`: `StripeListPagination`).
package protocol PaginationStrategy: Sendable {
    /// The request for the page after `response`, or nil when `response` was the last page.
    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest?
}

/// Follows `rel="next"` verbatim until there is none (docs/http.md, "Pagination"): the link already
/// carries whatever cursor (`page`, `before`/`after`, `since`) and `per_page` the service chose.
package struct LinkHeaderPagination: PaginationStrategy {
    package init() {}

    package func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        guard let link = response.links.first(where: { $0.relations.contains("next") }), !link.uri.isEmpty else {
            return nil
        }
        var next = request
        // A relative reference is resolved against the page it came from.
        next.target = URLResolution.absolute(link.uri, against: response.url)
        return next
    }
}

/// The pages of a listing as an async sequence: `for try await page in client.paginateLinks(request)`.
/// Each page is fetched only when asked for, with the client's retries and limits.
package struct PageSequence<Strategy: PaginationStrategy>: AsyncSequence, Sendable {
    package typealias Element = ServiceResponse

    let client: ServiceHTTPClient
    let first: ServiceRequest
    let strategy: Strategy
    /// A guard against services whose cursors never end.
    let maxPages: Int

    package func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self, pending: first)
    }

    package struct Iterator: AsyncIteratorProtocol {
        let sequence: PageSequence
        var pending: ServiceRequest?
        var limits: PaginationGuard
        /// An error found while looking ahead, raised on the next call so the current page is not lost.
        var deferredError: HTTPClientError?

        init(sequence: PageSequence, pending: ServiceRequest?) {
            self.sequence = sequence
            self.pending = pending
            limits = PaginationGuard(maxPages: sequence.maxPages)
        }

        package mutating func next() async throws -> ServiceResponse? {
            if let deferredError {
                self.deferredError = nil
                pending = nil
                throw deferredError
            }
            guard let request = pending else { return nil }
            pending = nil
            let response = try await sequence.client.send(request)
            if let next = try sequence.strategy.nextRequest(after: response, previous: request) {
                if let refusal = limits.refusal(of: next, after: request, context: response.context) {
                    deferredError = refusal
                } else {
                    pending = next
                }
            }
            return response
        }
    }
}

/// What stops a listing that never ends: a next page that repeats an earlier one, or more
/// pages than allowed. `PageSequence` applies it, and so do listings that read their cursor
/// from the page they decode anyway (Vercel's env listing) instead of decoding it twice.
package struct PaginationGuard: Sendable {
    let maxPages: Int
    private var fetched = 0
    private var seenPositions: Set<String> = []

    package init(maxPages: Int = 1000) {
        self.maxPages = maxPages
    }

    /// Records `request` as fetched and says why `next` must not follow it, or nil when it may;
    /// `context` is the fetched page's, which the error names.
    package mutating func refusal(of next: ServiceRequest, after request: ServiceRequest, context: HTTPRequestContext) -> HTTPClientError? {
        fetched += 1
        seenPositions.insert(Self.position(of: request))
        if seenPositions.contains(Self.position(of: next)) {
            return .pagination(context, reason: "the next page repeats an earlier one")
        }
        if fetched >= maxPages {
            return .pagination(context, reason: "more than \(maxPages) pages")
        }
        return nil
    }

    /// Where a request reads in the listing: its target, and its `Range` header for
    /// services that page by header (Heroku) rather than by URL.
    private static func position(of request: ServiceRequest) -> String {
        request.target + "\u{0}" + (request.headers["Range"] ?? "")
    }
}
