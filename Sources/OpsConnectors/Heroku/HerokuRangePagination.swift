import OpsCore

/// Heroku's list pagination (docs/services/heroku.md, "Pagination"): the request names a
/// `Range` (`id ..; max=200`), a partial answer is `206 Partial Content` with the `Next-Range`
/// to send next, and the last page is a 200 or a 206 without one.
struct HerokuRangePagination: PaginationStrategy {
    static let header = "Range"
    static let nextHeader = "Next-Range"

    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        guard response.status == 206, let next = response.headers[Self.nextHeader]?.trimmingCharacters(in: .whitespaces), !next.isEmpty
        else { return nil }
        guard next != request.headers[Self.header] else {
            throw HTTPClientError.pagination(response.context, reason: "Next-Range repeats the range just read")
        }
        var following = request
        following.headers.set(Self.header, next)
        return following
    }

    /// The first request of a listing, sorted by `field`.
    static func first(_ target: String, field: String, max: Int, descending: Bool = false) -> ServiceRequest {
        let order = descending ? ", order=desc" : ""
        return .get(target, headers: HTTPHeaders([(header, "\(field) ..; max=\(max)\(order)")]))
    }
}
