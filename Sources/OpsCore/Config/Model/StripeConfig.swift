/// Stripe is read-only: the file declares what must exist, checks suggest what to do.
public struct StripeConfig: Sendable, Equatable {
    public var prices: [StripePrice]
    public var webhooks: [StripeWebhook]

    public init(prices: [StripePrice] = [], webhooks: [StripeWebhook] = []) {
        self.prices = prices
        self.webhooks = webhooks
    }
}

public struct StripePrice: Sendable, Equatable {
    public enum Interval: String, Sendable, Hashable, CaseIterable {
        case day, week, month, year
    }

    public var lookupKey: String
    /// Lowercase ISO 4217 code, as Stripe reports it.
    public var currency: String
    /// In the currency's smallest unit (cents for usd).
    public var unitAmount: Int
    /// Nil for a one-time price.
    public var interval: Interval?
    public var active: Bool
    public var location: SourceLocation?

    public init(
        lookupKey: String,
        currency: String,
        unitAmount: Int,
        interval: Interval? = nil,
        active: Bool = true,
        location: SourceLocation? = nil
    ) {
        self.lookupKey = lookupKey
        self.currency = currency
        self.unitAmount = unitAmount
        self.interval = interval
        self.active = active
        self.location = location
    }
}

public struct StripeWebhook: Sendable, Equatable {
    public var url: String
    public var events: [String]
    /// The Stripe API version events are rendered in (`2023-08-16`); nil leaves it to the
    /// account's default and is not compared.
    public var apiVersion: String?
    public var location: SourceLocation?

    public init(url: String, events: [String], apiVersion: String? = nil, location: SourceLocation? = nil) {
        self.url = url
        self.events = events
        self.apiVersion = apiVersion
        self.location = location
    }
}
