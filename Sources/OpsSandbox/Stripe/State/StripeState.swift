import OpsCore

extension StripeEmulator {
    /// The `stripe` section of the sandbox state: products, prices and webhook endpoints of the
    /// sandbox's one account, test and live objects side by side (each has `livemode`), stored
    /// in the shapes the API returns them in, oldest first.
    struct State: SandboxStateSection {
        var products: [Product]
        var prices: [Price]
        var webhookEndpoints: [WebhookEndpoint]
        /// Feeds object ids.
        var nextID: Int

        static let empty = State(products: [], prices: [], webhookEndpoints: [], nextID: 1)

        init(products: [Product], prices: [Price], webhookEndpoints: [WebhookEndpoint], nextID: Int) {
            self.products = products
            self.prices = prices
            self.webhookEndpoints = webhookEndpoints
            self.nextID = nextID
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            var products: [Product] = []
            for (value, path) in try reader.array("products") { products.append(try Product(stateJSON: value, path: path)) }
            var prices: [Price] = []
            for (value, path) in try reader.array("prices") { prices.append(try Price(stateJSON: value, path: path)) }
            var endpoints: [WebhookEndpoint] = []
            for (value, path) in try reader.array("webhook_endpoints") { endpoints.append(try WebhookEndpoint(stateJSON: value, path: path)) }
            self.products = products
            self.prices = prices
            webhookEndpoints = endpoints
            nextID = try reader.optionalInt("next_id") ?? 1
        }

        var stateJSON: JSONValue {
            [
                "next_id": .int(nextID),
                "products": .array(products.map(\.json)),
                "prices": .array(prices.map { $0.json(product: nil) }),
                "webhook_endpoints": .array(webhookEndpoints.map { $0.json(secret: nil) }),
            ]
        }

        /// `price_1Sbx…`: Stripe-like ids (a prefix, then 24 letters and digits) from a counter.
        mutating func allocateID(prefix: String) -> String {
            let number = nextID
            nextID += 1
            let digits = String(StableHash.fnv1a("stripe:\(prefix):\(number)"), radix: 36)
            let body = "1Sbx" + digits + String(number, radix: 36)
            return prefix + "_" + String(body.prefix(24)).padding(toLength: 24, withPad: "0", startingAt: 0)
        }

        func product(_ id: String, livemode: Bool) -> Product? {
            products.first { $0.id == id && $0.livemode == livemode }
        }
    }
}
