import OpsCore

extension StripeEmulator {
    /// A per-unit price. Amount, currency and interval never change once created, as on Stripe;
    /// `active`, `lookup_key`, `nickname` and `metadata` can.
    struct Price: Sendable, Equatable {
        struct Recurring: Sendable, Equatable {
            static let intervals: Set<String> = ["day", "week", "month", "year"]

            var interval: String
            var intervalCount: Int
            var usageType: String
        }

        var id: String
        var product: String
        var active: Bool
        var currency: String
        var unitAmount: Int
        var lookupKey: String?
        var nickname: String?
        var recurring: Recurring?
        var metadata: [String: String]
        var livemode: Bool
        var created: Int

        init(
            id: String, product: String, active: Bool, currency: String, unitAmount: Int, lookupKey: String?, nickname: String?,
            recurring: Recurring?, metadata: [String: String], livemode: Bool, created: Int
        ) {
            self.id = id
            self.product = product
            self.active = active
            self.currency = currency
            self.unitAmount = unitAmount
            self.lookupKey = lookupKey
            self.nickname = nickname
            self.recurring = recurring
            self.metadata = metadata
            self.livemode = livemode
            self.created = created
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            product = try reader.string("product")
            active = try reader.bool("active", default: true)
            currency = try reader.string("currency")
            unitAmount = try reader.int("unit_amount")
            lookupKey = try reader.optionalString("lookup_key")
            nickname = try reader.optionalString("nickname")
            if let recurring = try reader.reader("recurring") {
                let interval = try recurring.string("interval")
                guard Recurring.intervals.contains(interval) else {
                    throw StateDecodingError(path: recurring.childPath("interval"), problem: "expected day, week, month or year, found \"\(interval)\"")
                }
                self.recurring = Recurring(
                    interval: interval, intervalCount: try recurring.optionalInt("interval_count") ?? 1,
                    usageType: try recurring.optionalString("usage_type") ?? "licensed")
            } else {
                recurring = nil
            }
            var metadata: [String: String] = [:]
            for (key, value, _) in try reader.object("metadata") { metadata[key] = value.stringValue ?? "" }
            self.metadata = metadata
            livemode = try reader.bool("livemode", default: false)
            created = try reader.optionalInt("created") ?? 0
        }

        /// As the API renders it; `product` expanded when given.
        func json(product expanded: Product?) -> JSONValue {
            let recurringJSON: JSONValue = recurring.map {
                [
                    "interval": .string($0.interval), "interval_count": .int($0.intervalCount), "usage_type": .string($0.usageType),
                    "aggregate_usage": .null, "trial_period_days": .null,
                ]
            } ?? .null
            return [
                "id": .string(id), "object": "price", "active": .bool(active), "billing_scheme": "per_unit", "created": .int(created),
                "currency": .string(currency), "custom_unit_amount": .null, "livemode": .bool(livemode),
                "lookup_key": lookupKey.map(JSONValue.string) ?? .null, "metadata": .object(metadata.mapValues(JSONValue.string)),
                "nickname": nickname.map(JSONValue.string) ?? .null, "product": expanded?.json ?? .string(product),
                "recurring": recurringJSON, "tax_behavior": "unspecified", "tiers_mode": .null, "transform_quantity": .null,
                "type": recurring == nil ? "one_time" : "recurring", "unit_amount": .int(unitAmount),
                "unit_amount_decimal": .string(String(unitAmount)),
            ]
        }
    }
}
