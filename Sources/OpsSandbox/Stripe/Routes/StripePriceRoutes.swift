import OpsCore

extension StripeEmulator {
    /// `/v1/prices` (list, create) and `/v1/prices/{id}` (retrieve, update).
    enum PriceRoutes {
        static let listParameters: Set<String> = [
            "active", "currency", "product", "type", "lookup_keys", "recurring", "created", "limit", "starting_after", "ending_before", "expand",
        ]

        static func list(_ context: RouteContext, _ stripe: State) throws(RouteFailure) -> HTTPResponse {
            let query = context.query
            try query.rejectUnknown(listParameters)
            let expandProduct = try Expansion.read(query, allowed: ["data.product"]).contains("data.product")
            // Without `active`, Stripe lists active prices only.
            let active = try query.bool("active") ?? true
            var prices = stripe.prices.filter { $0.livemode == context.credential.livemode && $0.active == active }
            if let keys = try query.strings("lookup_keys") {
                guard keys.count <= 10 else {
                    throw Errors.invalidRequest("You may only specify up to 10 lookup keys.", param: "lookup_keys")
                }
                prices = prices.filter { $0.lookupKey.map(keys.contains) ?? false }
            }
            if let currency = try query.string("currency") { prices = prices.filter { $0.currency == currency.lowercased() } }
            if let product = try query.string("product") { prices = prices.filter { $0.product == product } }
            if let type = try query.string("type") {
                guard ["one_time", "recurring"].contains(type) else { throw Errors.invalidRequest("Invalid type: must be one of one_time or recurring", param: "type") }
                prices = prices.filter { ($0.recurring == nil ? "one_time" : "recurring") == type }
            }
            if let recurring = try query.form("recurring"), let interval = try recurring.string("interval") {
                prices = prices.filter { $0.recurring?.interval == interval }
            }
            return try Listing.page(prices.reversed(), id: \.id, object: "price", query: query, url: "/v1/prices") { price in
                price.json(product: expandProduct ? stripe.product(price.product, livemode: price.livemode) : nil)
            }
        }

        static func retrieve(_ context: RouteContext, _ stripe: State, id: String) throws(RouteFailure) -> HTTPResponse {
            let expandProduct = try Expansion.read(context.query, allowed: ["product"]).contains("product")
            guard let price = stripe.prices.first(where: { $0.id == id && $0.livemode == context.credential.livemode }) else {
                throw Errors.noSuch("price", id)
            }
            return .json(200, price.json(product: expandProduct ? stripe.product(price.product, livemode: price.livemode) : nil))
        }

        /// `currency` and a product (`product` or `product_data[name]`) are required, and a
        /// `unit_amount`: the sandbox knows per-unit prices only. A `lookup_key` already in use
        /// is refused unless `transfer_lookup_key=true` moves it.
        static func create(_ context: RouteContext, _ stripe: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown([
                "currency", "product", "product_data", "unit_amount", "recurring", "lookup_key", "transfer_lookup_key", "active", "nickname",
                "metadata", "expand", "billing_scheme", "tax_behavior",
            ])
            try body.require("currency")
            let currency = (try body.string("currency") ?? "").lowercased()
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw Errors.invalidRequest("Invalid currency: \(currency)", param: "currency")
            }
            guard let amount = try body.int("unit_amount") else {
                throw Errors.invalidRequest("Missing required param: unit_amount.", param: "unit_amount", code: "parameter_missing")
            }
            guard amount >= 0 else { throw Errors.invalidRequest("This value must be greater than or equal to 0.", param: "unit_amount") }
            let livemode = context.credential.livemode
            let now = SandboxTimestamp.now().epochSeconds
            let productID: String
            if let id = try body.string("product") {
                guard stripe.product(id, livemode: livemode) != nil else { throw Errors.noSuch("product", id, param: "product", status: 400) }
                productID = id
            } else if let data = try body.form("product_data") {
                try data.require("name")
                let product = Product(
                    id: stripe.allocateID(prefix: "prod"), name: try data.string("name") ?? "", active: try data.bool("active") ?? true,
                    livemode: livemode, created: now)
                stripe.products.append(product)
                productID = product.id
            } else {
                throw Errors.invalidRequest("Missing required param: product.", param: "product", code: "parameter_missing")
            }
            var recurring: Price.Recurring?
            if let form = try body.form("recurring") {
                try form.require("interval")
                let interval = try form.string("interval") ?? ""
                guard Price.Recurring.intervals.contains(interval) else {
                    throw Errors.invalidRequest("Invalid recurring[interval]: must be one of day, month, week, or year", param: "recurring[interval]")
                }
                let count = try form.int("interval_count") ?? 1
                recurring = Price.Recurring(interval: interval, intervalCount: count, usageType: try form.string("usage_type") ?? "licensed")
            }
            let lookupKey = try body.string("lookup_key")
            if let lookupKey {
                try claim(lookupKey, for: nil, livemode: livemode, transfer: try body.bool("transfer_lookup_key") ?? false, &stripe)
            }
            let price = Price(
                id: stripe.allocateID(prefix: "price"), product: productID, active: try body.bool("active") ?? true, currency: currency,
                unitAmount: amount, lookupKey: lookupKey, nickname: try body.string("nickname"), recurring: recurring,
                metadata: try body.stringMap("metadata") ?? [:], livemode: livemode, created: now)
            stripe.prices.append(price)
            return .json(200, price.json(product: nil))
        }

        /// Only what Stripe lets change on a price: `active`, `lookup_key`, `nickname`, `metadata`.
        static func update(_ context: RouteContext, _ stripe: inout State, id: String) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown(["active", "lookup_key", "transfer_lookup_key", "nickname", "metadata", "expand", "tax_behavior"])
            guard let index = stripe.prices.firstIndex(where: { $0.id == id && $0.livemode == context.credential.livemode }) else {
                throw Errors.noSuch("price", id)
            }
            if let active = try body.bool("active") { stripe.prices[index].active = active }
            if let lookupKey = try body.string("lookup_key") {
                if lookupKey.isEmpty {
                    stripe.prices[index].lookupKey = nil
                } else {
                    try claim(lookupKey, for: id, livemode: context.credential.livemode, transfer: try body.bool("transfer_lookup_key") ?? false, &stripe)
                    stripe.prices[index].lookupKey = lookupKey
                }
            }
            if let nickname = try body.string("nickname") { stripe.prices[index].nickname = nickname.isEmpty ? nil : nickname }
            if let metadata = try body.stringMap("metadata") { stripe.prices[index].metadata = metadata }
            return .json(200, stripe.prices[index].json(product: nil))
        }

        /// A lookup key belongs to one price at most; `transfer` takes it from the holder.
        private static func claim(_ key: String, for id: String?, livemode: Bool, transfer: Bool, _ stripe: inout State) throws(RouteFailure) {
            guard key.count <= 200 else { throw Errors.invalidRequest("Invalid lookup_key: must be at most 200 characters", param: "lookup_key") }
            guard let holder = stripe.prices.firstIndex(where: { $0.lookupKey == key && $0.livemode == livemode && $0.id != id }) else { return }
            guard transfer else {
                throw Errors.invalidRequest(
                    "A price (`\(stripe.prices[holder].id)`) already uses that lookup key. To transfer the lookup key to this price, set `transfer_lookup_key` to true.",
                    param: "lookup_key")
            }
            stripe.prices[holder].lookupKey = nil
        }
    }
}
