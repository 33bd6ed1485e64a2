import Foundation
import OpsCore

/// The Stripe calls opsctl makes (docs/services/stripe.md, "Requests"): two listings, both
/// read to the end through `starting_after`. Nothing is ever written.
struct StripeAPI: Sendable {
    /// Pinned so the shapes read here never follow the account's default version. It is the
    /// version of the API description these requests were checked against.
    static let version = "2023-08-16"
    /// Stripe's largest page.
    static let pageSize = 100
    /// `lookup_keys` takes at most ten keys per request.
    static let lookupKeysPerRequest = 10

    let client: ServiceHTTPClient

    /// The prices with these lookup keys, active ones first and then, for keys not found among
    /// them, archived ones: a listing without `active` returns only active prices.
    func prices(lookupKeys: [String]) async throws -> [StripePriceBody] {
        var found: [StripePriceBody] = []
        for chunk in Self.chunks(lookupKeys) {
            found += try await listPrices(lookupKeys: chunk, active: nil)
        }
        let seen = Set(found.compactMap(\.lookup_key))
        for chunk in Self.chunks(lookupKeys.filter { !seen.contains($0) }) {
            found += try await listPrices(lookupKeys: chunk, active: false)
        }
        return found
    }

    /// `GET /v1/prices?lookup_keys[]=…&active=false&limit=100&expand[]=data.product`.
    private func listPrices(lookupKeys: [String], active: Bool?) async throws -> [StripePriceBody] {
        var items: [(String, String)] = lookupKeys.map { ("lookup_keys[]", $0) }
        if let active { items.append(("active", active ? "true" : "false")) }
        items.append(("limit", String(Self.pageSize)))
        items.append(("expand[]", "data.product"))
        return try await list("/v1/prices", items, of: StripePriceBody.self)
    }

    /// `GET /v1/webhook_endpoints?limit=100`, every page.
    func webhookEndpoints() async throws -> [StripeWebhookEndpointBody] {
        try await list("/v1/webhook_endpoints", [("limit", String(Self.pageSize))], of: StripeWebhookEndpointBody.self)
    }

    private func list<Item: Decodable & Sendable>(_ path: String, _ items: [(String, String)], of type: Item.Type) async throws -> [Item] {
        var collected: [Item] = []
        for try await page in client.pages(.get(Self.target(path, items)), strategy: StripeListPagination()) {
            collected += try page.decodeJSON(StripeList<Item>.self).data
        }
        return collected
    }

    /// A path with its query, names and values percent-encoded except for the brackets that
    /// spell Stripe's arrays (`lookup_keys[]`).
    static func target(_ path: String, _ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return path }
        return path + "?" + items.map { "\(ServiceRequest.encodeQueryComponent($0.0))=\(ServiceRequest.encodeQueryComponent($0.1))" }
            .joined(separator: "&")
    }

    private static func chunks(_ keys: [String]) -> [[String]] {
        stride(from: 0, to: keys.count, by: lookupKeysPerRequest).map { Array(keys[$0..<min($0 + lookupKeysPerRequest, keys.count)]) }
    }
}
