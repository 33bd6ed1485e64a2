import Foundation
import OpsCore

/// `limit`/`offset`: the next offset is this one plus the items received.
struct SendGridOffsetPagination: PaginationStrategy {
    var pageSize: Int

    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        let count = try response.decodeJSON([SendGridPageCursor.Item].self, keepingMembers: []).count
        guard count >= pageSize else { return nil }
        let offset = Int(URLComponents(string: request.target)?.queryItems?.first { $0.name == "offset" }?.value ?? "") ?? 0
        return request.settingQueryItem("offset", String(offset + count))
    }
}

/// `limit`/`lastSeenID`: the next page starts after the last sender's id.
struct SendGridLastSeenPagination: PaginationStrategy {
    var pageSize: Int

    func nextRequest(after response: ServiceResponse, previous request: ServiceRequest) throws -> ServiceRequest? {
        let results = try response.decodeJSON(SendGridPageCursor.Senders.self, keepingMembers: SendGridPageCursor.Senders.members).results
        guard results.count >= pageSize, let last = results.last else { return nil }
        return request.settingQueryItem("lastSeenID", String(last.id))
    }
}
