/// Stripe's JSON shapes (docs/services/stripe.md), as far as opsctl reads them.

/// `{"object": "list", "url", "has_more", "data": [...]}`, every list endpoint's envelope.
struct StripeList<Item: Decodable & Sendable>: Decodable, Sendable {
    var data: [Item]
    var has_more: Bool
}

/// Only the `id` of each item, which is all the next page's `starting_after` needs.
struct StripeListCursor: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var id: String
    }

    var data: [Item]
    var has_more: Bool

    /// All the cursor reads of a page, which the listing decodes in full anyway.
    static let members = ["data", "has_more", "id"]
}

/// A price (`price_…`). `product` is an id, or the product itself with `expand[]=data.product`.
struct StripePriceBody: Decodable, Sendable, Equatable {
    struct Recurring: Decodable, Sendable, Equatable {
        var interval: String
        var interval_count: Int?
    }

    var id: String
    var active: Bool
    var currency: String
    var unit_amount: Int?
    var lookup_key: String?
    var type: String?
    var recurring: Recurring?
    var livemode: Bool?
    var product: StripeProductReference?
}

/// `product` as an id or as the expanded object (which may be a deleted product).
struct StripeProductReference: Decodable, Sendable, Equatable {
    var id: String
    var name: String?
    var active: Bool?
    var deleted: Bool?

    private enum CodingKeys: String, CodingKey {
        case id, name, active, deleted
    }

    init(id: String, name: String? = nil, active: Bool? = nil, deleted: Bool? = nil) {
        self.id = id
        self.name = name
        self.active = active
        self.deleted = deleted
    }

    init(from decoder: any Decoder) throws {
        if let id = try? decoder.singleValueContainer().decode(String.self) {
            self.init(id: id)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name),
            active: try container.decodeIfPresent(Bool.self, forKey: .active),
            deleted: try container.decodeIfPresent(Bool.self, forKey: .deleted)
        )
    }
}

/// A webhook endpoint (`we_…`). `secret` is only returned at creation and never read.
struct StripeWebhookEndpointBody: Decodable, Sendable, Equatable {
    var id: String
    var url: String
    var enabled_events: [String]
    var status: String
    var api_version: String?
    var description: String?
    var livemode: Bool?
}

/// Stripe's error envelope, `{"error": {"type", "code", "message", "param"}}`.
struct StripeErrorBody: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        var type: String?
        var code: String?
        var message: String?
        var param: String?
    }

    var error: Detail
}
