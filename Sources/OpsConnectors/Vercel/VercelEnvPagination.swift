import OpsCore

/// Vercel's timestamp cursor: `pagination.next` is passed back as `until` until it is null.
struct VercelEnvPagination: PaginationStrategy {
    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        guard let next = try response.decodeJSON(VercelEnvListBody.self).pagination?.next, next.isFinite else { return nil }
        let cursor = Int(exactly: next.rounded()).map(String.init) ?? String(next)
        return request.settingQueryItem("until", cursor)
    }
}
