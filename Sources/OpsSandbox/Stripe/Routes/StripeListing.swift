import OpsCore

extension StripeEmulator {
    /// One page of a Stripe list: newest first, `limit` 1 to 100 (default 10), `starting_after`
    /// an id on the previous page (the next page), `ending_before` one on the following page
    /// (the previous page), and `{"object": "list", "url", "has_more", "data"}` around it.
    enum Listing {
        static func page<Item>(
            _ newestFirst: [Item], id: (Item) -> String, object: String, query: Form, url: String, render: (Item) -> JSONValue
        ) throws(RouteFailure) -> HTTPResponse {
            let limit = try query.int("limit") ?? 10
            guard (1...100).contains(limit) else {
                throw Errors.invalidRequest(
                    limit < 1 ? "This value must be greater than or equal to 1." : "This value must be less than or equal to 100.", param: "limit")
            }
            let ids = newestFirst.map(id)
            var window: ArraySlice<Item>
            var hasMore: Bool
            if let after = try query.string("starting_after") {
                guard let position = ids.firstIndex(of: after) else { throw Errors.noSuch(object, after, param: "starting_after", status: 400) }
                let rest = newestFirst[(position + 1)...]
                window = rest.prefix(limit)
                hasMore = rest.count > limit
            } else if let before = try query.string("ending_before") {
                guard let position = ids.firstIndex(of: before) else { throw Errors.noSuch(object, before, param: "ending_before", status: 400) }
                let earlier = newestFirst[..<position]
                window = earlier.suffix(limit)
                hasMore = earlier.count > limit
            } else {
                window = newestFirst.prefix(limit)
                hasMore = newestFirst.count > limit
            }
            return .json(200, [
                "object": "list", "url": .string(url), "has_more": .bool(hasMore), "data": .array(window.map(render)),
            ])
        }
    }
}
