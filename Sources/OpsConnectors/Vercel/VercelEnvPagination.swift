import OpsCore

/// Vercel's timestamp cursor: `pagination.next` is passed back as `until` until it is null.
/// Read from the page `VercelAPI.listEnvs` reads for its variables anyway: decoding a
/// 10,000-variable body a second time just for the cursor cost as much as the first time.
enum VercelEnvPagination {
    static func nextRequest(after pagination: VercelEnvListBody.Pagination?, previous request: ServiceRequest) -> ServiceRequest? {
        guard let next = pagination?.next, next.isFinite else { return nil }
        let cursor = Int(exactly: next.rounded()).map(String.init) ?? String(next)
        return request.settingQueryItem("until", cursor)
    }
}
