import OpsCore

extension GitHubEmulator {
    /// What every GitHub route handler needs besides the state: the request and the repository's
    /// URLs.
    struct RouteContext {
        let request: EmulatorRequest
        let links: Links

        /// The absolute URL of the request's own path (without query), the base of its `Link`s.
        var selfURL: String { request.mountURL + request.path }

        /// The login standing in for the authenticated user: the repository's owner, so pull
        /// requests look like the owner opened them.
        var actor: String { links.owner }

        /// A paginated JSON array with GitHub's `Link` header. Only the page's own items are
        /// rendered, so answering a page costs the page, not the whole listing.
        func page<Item>(_ items: [Item], render: (Item) -> JSONValue) -> HTTPResponse {
            page(items, writingBody: { JSONWriter.canonicalBytes(.array($0.map(render))) })
        }

        /// The same, the page's JSON array written as bytes by `writingBody`, for a listing
        /// whose items are written without building `JSONValue`s (`LabelPageJSON`).
        func page<Item>(_ items: [Item], writingBody: (ArraySlice<Item>) -> [UInt8]) -> HTTPResponse {
            let window = PageWindow(query: request.query, total: items.count)
            var headers = HTTPHeaders()
            if let link = window.linkHeader(baseURL: selfURL, query: request.query) { headers.set("Link", link) }
            return .json(200, body: writingBody(items[window.range]), headers: headers)
        }
    }
}
