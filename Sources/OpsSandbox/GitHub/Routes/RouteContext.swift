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

        /// A paginated JSON array with GitHub's `Link` header.
        func page(_ items: [JSONValue]) -> HTTPResponse {
            let window = PageWindow(query: request.query, total: items.count)
            var headers = HTTPHeaders()
            if let link = window.linkHeader(baseURL: selfURL, query: request.query) { headers.set("Link", link) }
            return .json(200, .array(Array(items[window.range])), headers: headers)
        }
    }
}
