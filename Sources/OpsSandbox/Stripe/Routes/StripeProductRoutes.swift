import OpsCore

extension StripeEmulator {
    /// `/v1/products` (create) and `/v1/products/{id}` (retrieve, update `name` and `active`),
    /// enough to give prices a product and to archive one.
    enum ProductRoutes {
        static func create(_ context: RouteContext, _ stripe: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown(["name", "active", "description", "metadata", "expand"])
            try body.require("name")
            let product = Product(
                id: stripe.allocateID(prefix: "prod"), name: try body.string("name") ?? "", active: try body.bool("active") ?? true,
                livemode: context.credential.livemode, created: SandboxTimestamp.now().epochSeconds)
            stripe.products.append(product)
            return .json(200, product.json)
        }

        static func retrieve(_ context: RouteContext, _ stripe: State, id: String) throws(RouteFailure) -> HTTPResponse {
            guard let product = stripe.product(id, livemode: context.credential.livemode) else { throw Errors.noSuch("product", id) }
            return .json(200, product.json)
        }

        static func update(_ context: RouteContext, _ stripe: inout State, id: String) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown(["name", "active", "description", "metadata", "expand"])
            guard let index = stripe.products.firstIndex(where: { $0.id == id && $0.livemode == context.credential.livemode }) else {
                throw Errors.noSuch("product", id)
            }
            if let name = try body.string("name") { stripe.products[index].name = name }
            if let active = try body.bool("active") { stripe.products[index].active = active }
            stripe.products[index].updated = SandboxTimestamp.now().epochSeconds
            return .json(200, stripe.products[index].json)
        }
    }
}
