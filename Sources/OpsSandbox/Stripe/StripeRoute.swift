extension StripeEmulator {
    /// The endpoints the emulator answers, from the path below `/stripe`.
    enum Route: Equatable {
        case prices
        case price(String)
        case webhookEndpoints
        case webhookEndpoint(String)
        case products
        case product(String)

        init?(segments: [String]) {
            guard segments.first == "v1" else { return nil }
            switch (segments.count, segments.count > 1 ? segments[1] : "") {
            case (2, "prices"): self = .prices
            case (3, "prices"): self = .price(segments[2])
            case (2, "webhook_endpoints"): self = .webhookEndpoints
            case (3, "webhook_endpoints"): self = .webhookEndpoint(segments[2])
            case (2, "products"): self = .products
            case (3, "products"): self = .product(segments[2])
            default: return nil
            }
        }

        /// Which permission a restricted key needs for the route.
        var resource: Credential.Resource {
            switch self {
            case .prices, .price: .price
            case .webhookEndpoints, .webhookEndpoint: .webhookEndpoint
            case .products, .product: .product
            }
        }
    }
}
