import OpsCore

extension StripeEmulator {
    /// `expand[]=…`: the paths a route can expand; any other is refused as on Stripe.
    enum Expansion {
        static func read(_ form: Form, allowed: Set<String>) throws(RouteFailure) -> [String] {
            let paths = try form.strings("expand") ?? []
            if let unknown = paths.first(where: { !allowed.contains($0) }) {
                throw Errors.invalidRequest("This property cannot be expanded (\(unknown)).", param: "expand")
            }
            return paths
        }
    }
}
