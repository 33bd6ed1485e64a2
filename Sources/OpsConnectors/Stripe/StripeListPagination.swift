import OpsCore

/// Stripe's cursor: while `has_more` is true, ask again with `starting_after` set to the id of
/// the last item on the page.
struct StripeListPagination: PaginationStrategy {
    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        let page = try response.decodeJSON(StripeListCursor.self, keepingMembers: StripeListCursor.members)
        guard page.has_more, let last = page.data.last?.id else { return nil }
        return request.settingQueryItem("starting_after", last)
    }
}
