/// Page-number pagination (`page`, `per_page`) with an RFC 8288 `Link` header, as GitHub and
/// several other vendors do it: the links repeat the request's own parameters with `page`
/// replaced, as absolute URLs.
package struct PageWindow: Sendable, Equatable {
    package var page: Int
    package var perPage: Int
    package var total: Int

    /// Reads `page` and `per_page` the way GitHub does: missing or unparsable values fall back
    /// to the defaults, `per_page` is capped, and pages count from 1.
    package init(query: QueryParameters, total: Int, defaultPerPage: Int = 30, maxPerPage: Int = 100) {
        let requested = query["per_page"].flatMap { Int($0) } ?? defaultPerPage
        perPage = requested < 1 ? defaultPerPage : min(requested, maxPerPage)
        page = max(1, query["page"].flatMap { Int($0) } ?? 1)
        self.total = total
    }

    package var lastPage: Int { max(1, (total + perPage - 1) / perPage) }

    /// The index range of this page within the whole list (empty past the end).
    package var range: Range<Int> {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        if overflow || start >= total { return total..<total }
        return start..<min(total, start + perPage)
    }

    /// `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"`, in
    /// GitHub's order; nil when everything fits on one page.
    package func linkHeader(baseURL: String, query: QueryParameters) -> String? {
        if lastPage == 1 && page == 1 { return nil }
        func link(_ page: Int, _ rel: String) -> String {
            "<\(baseURL)?\(query.setting("page", to: String(page)))>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if page > 1 { links.append(link(min(page - 1, lastPage), "prev")) }
        if page < lastPage {
            links.append(link(page + 1, "next"))
            links.append(link(lastPage, "last"))
        }
        if page > 1 { links.append(link(1, "first")) }
        return links.joined(separator: ", ")
    }
}
