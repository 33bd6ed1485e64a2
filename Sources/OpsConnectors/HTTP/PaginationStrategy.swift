/// How to get from one page to the next. GitHub's `Link` header is built in; cursor styles
/// (Stripe `has_more`/`starting_after`, SSM `NextToken`, SendGrid offsets) are added by
/// their connectors as `PaginationStrategy.custom` closures or their own conformances.
public protocol PaginationStrategy: Sendable {
    /// The request for the page after `response`, or nil when `response` was the last page.
    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest?
}

/// Follows `rel="next"` verbatim until there is none (docs/http.md, "Pagination"): the link already
/// carries whatever cursor (`page`, `before`/`after`, `since`) and `per_page` the service chose.
public struct LinkHeaderPagination: PaginationStrategy {
    public var relation: String

    public init(relation: String = "next") {
        self.relation = relation
    }

    public func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        let wanted = relation.lowercased()
        guard let link = response.links.first(where: { $0.relations.contains(wanted) }), !link.uri.isEmpty else {
            return nil
        }
        var next = request
        // A relative reference is resolved against the page it came from.
        next.target = URLResolution.absolute(link.uri, against: response.url)
        return next
    }
}

/// A strategy from a closure, for cursor styles that live in the body.
public struct CustomPagination: PaginationStrategy {
    private let next: @Sendable (ServiceResponse, ServiceRequest) throws -> ServiceRequest?

    public init(_ next: @escaping @Sendable (ServiceResponse, ServiceRequest) throws -> ServiceRequest?) {
        self.next = next
    }

    public func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        try next(response, request)
    }
}

extension PaginationStrategy where Self == LinkHeaderPagination {
    public static var linkHeader: LinkHeaderPagination { LinkHeaderPagination() }
}

extension PaginationStrategy where Self == CustomPagination {
    public static func custom(
        _ next: @escaping @Sendable (ServiceResponse, ServiceRequest) throws -> ServiceRequest?
    ) -> CustomPagination {
        CustomPagination(next)
    }
}
