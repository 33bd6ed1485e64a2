import OpsCore

/// Compares declared prices with the prices Stripe holds under the same lookup keys. Stripe
/// never changes a price's amount, currency or interval, so a difference there is fixed by a
/// new price that takes over the lookup key; only `active` can be edited in place.
enum StripePriceReconciler {
    static func checks(desired: [StripePrice], remote: [StripePriceBody], key: StripeKey) -> [Check] {
        desired.map { price in
            let id = "stripe.price.\(ChangeID.slug(price.lookupKey))"
            let name = "price \(price.lookupKey)"
            guard let found = remote.first(where: { $0.lookup_key == price.lookupKey }) else {
                return Check(
                    id: id, scope: .stripe, name: name, status: .fail,
                    message: "Stripe \(key.marker): no price has the lookup key \(price.lookupKey)",
                    suggestedAction: "create it: POST /v1/prices with \(parameters(price)) and product=<the product it belongs to>",
                    source: price.location
                )
            }
            let differences = differences(price, found)
            if differences.isEmpty {
                return Check(
                    id: id, scope: .stripe, name: name, status: .pass,
                    message: "Stripe \(key.marker): the price \(price.lookupKey) (\(found.id)\(productName(found))) is \(describe(price)), as declared",
                    source: price.location
                )
            }
            return Check(
                id: id, scope: .stripe, name: name, status: .fail,
                message: "Stripe \(key.marker): the price \(price.lookupKey) (\(found.id)\(productName(found))) differs: \(differences.joined(separator: "; "))",
                suggestedAction: suggestedAction(price, found),
                source: price.location
            )
        }
    }

    static func differences(_ desired: StripePrice, _ remote: StripePriceBody) -> [String] {
        var found: [String] = []
        if remote.currency.lowercased() != desired.currency.lowercased() {
            found.append("currency \(remote.currency) → \(desired.currency)")
        }
        if remote.unit_amount != desired.unitAmount {
            found.append("unit amount \(remote.unit_amount.map(String.init) ?? "none") → \(desired.unitAmount)")
        }
        if intervalDiffers(desired, remote) {
            found.append("interval \(describeInterval(remote)) → \(desired.interval.map { "every \($0.rawValue)" } ?? "one-time")")
        }
        if remote.active != desired.active {
            found.append(remote.active ? "active → archived" : "archived → active")
        }
        if desired.active, remote.active, let product = remote.product, product.deleted == true || product.active == false {
            found.append("its product \(product.name ?? product.id) is archived, so the price cannot be bought")
        }
        return found
    }

    /// Amount, currency and interval can only change through a new price; `active` alone is an edit.
    private static func suggestedAction(_ desired: StripePrice, _ remote: StripePriceBody) -> String {
        let immutableDiffers = remote.currency.lowercased() != desired.currency.lowercased() || remote.unit_amount != desired.unitAmount
            || intervalDiffers(desired, remote)
        if immutableDiffers {
            let product = remote.product.map { "product=\($0.id)" } ?? "product=<the product it belongs to>"
            return "Stripe prices cannot be edited: create a replacement with POST /v1/prices with \(parameters(desired)), \(product) and transfer_lookup_key=true, then archive \(remote.id)"
        }
        if remote.active != desired.active {
            return "POST /v1/prices/\(remote.id) with active=\(desired.active)"
        }
        if let product = remote.product {
            return "POST /v1/products/\(product.id) with active=true, or move the lookup key to a price of an active product"
        }
        return "compare the price in the Stripe dashboard with desired-state.yaml"
    }

    /// The form parameters that create the declared price.
    static func parameters(_ price: StripePrice) -> String {
        var parts = ["currency=\(price.currency)", "unit_amount=\(price.unitAmount)"]
        if let interval = price.interval { parts.append("recurring[interval]=\(interval.rawValue)") }
        parts.append("lookup_key=\(price.lookupKey)")
        if !price.active { parts.append("active=false") }
        return parts.joined(separator: ", ")
    }

    /// A declared interval means "every one of it": a price billed every 3 months is not monthly.
    private static func intervalDiffers(_ desired: StripePrice, _ remote: StripePriceBody) -> Bool {
        guard let interval = desired.interval else { return remote.recurring != nil }
        guard let recurring = remote.recurring else { return true }
        return recurring.interval != interval.rawValue || (recurring.interval_count ?? 1) != 1
    }

    private static func describeInterval(_ remote: StripePriceBody) -> String {
        guard let recurring = remote.recurring else { return "one-time" }
        let count = recurring.interval_count ?? 1
        return count == 1 ? "every \(recurring.interval)" : "every \(count) \(recurring.interval)s"
    }

    private static func describe(_ price: StripePrice) -> String {
        let interval = price.interval.map { " every \($0.rawValue)" } ?? " one-time"
        return "\(price.unitAmount) \(price.currency)\(interval), \(price.active ? "active" : "archived")"
    }

    private static func productName(_ remote: StripePriceBody) -> String {
        remote.product?.name.map { ", \($0)" } ?? ""
    }
}
