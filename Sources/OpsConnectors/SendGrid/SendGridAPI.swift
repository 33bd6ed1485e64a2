import Foundation
import OpsCore

/// The SendGrid calls opsctl makes (docs/services/sendgrid.md, "Requests"): two listings, read
/// to the end. Nothing is ever written.
struct SendGridAPI: Sendable {
    /// Page size for both listings. SendGrid documents no maximum; a page shorter than this ends
    /// the listing, so the size stays modest rather than risk a server cap that would look like
    /// the last page.
    static let pageSize = 50

    let client: ServiceHTTPClient

    /// `GET /v3/whitelabel/domains?limit=50&offset=N`, offsets advancing by what came back,
    /// until a page is shorter than `limit`.
    func domains() async throws -> [SendGridDomainBody] {
        let first = ServiceRequest.get("/v3/whitelabel/domains?limit=\(Self.pageSize)&offset=0")
        var domains: [SendGridDomainBody] = []
        for try await page in client.pages(first, strategy: SendGridOffsetPagination(pageSize: Self.pageSize)) {
            domains += try page.decodeJSON([SendGridDomainBody].self)
        }
        return domains
    }

    /// `GET /v3/verified_senders?limit=50`, then `lastSeenID=<last id>`, until a page is
    /// shorter than `limit`.
    func senders() async throws -> [SendGridSenderList.Sender] {
        let first = ServiceRequest.get("/v3/verified_senders?limit=\(Self.pageSize)")
        var senders: [SendGridSenderList.Sender] = []
        for try await page in client.pages(first, strategy: SendGridLastSeenPagination(pageSize: Self.pageSize)) {
            senders += try page.decodeJSON(SendGridSenderList.self).results
        }
        return senders
    }
}
