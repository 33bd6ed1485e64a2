/// Stripe is read-only: the file declares what must exist, checks suggest what to do.
package struct StripeConfig: Sendable, Equatable {
    package var prices: [StripePrice]
    package var webhooks: [StripeWebhook]

    package init(prices: [StripePrice] = [], webhooks: [StripeWebhook] = []) {
        self.prices = prices
        self.webhooks = webhooks
    }
}

package struct StripePrice: Sendable, Equatable {
    package enum Interval: String, Sendable, Hashable, CaseIterable {
        case day, week, month, year
    }

    package var lookupKey: String
    /// Lowercase ISO 4217 code, as Stripe reports it.
    package var currency: String
    /// In the currency's smallest unit (cents for usd).
    package var unitAmount: Int
    /// Nil for a one-time price.
    package var interval: Interval?
    package var active: Bool
    package var location: SourceLocation?

    package init(
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

package struct StripeWebhook: Sendable, Equatable {
    package var url: String
    package var events: [String]
    /// The Stripe API version events are rendered in (`2023-08-16`); nil leaves it to the
    /// account's default and is not compared.
    package var apiVersion: String?
    package var location: SourceLocation?

    package init(url: String, events: [String], apiVersion: String? = nil, location: SourceLocation? = nil) {
        self.url = url
        self.events = events
        self.apiVersion = apiVersion
        self.location = location
    }
}
