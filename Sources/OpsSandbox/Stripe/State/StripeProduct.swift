import OpsCore

extension StripeEmulator {
    /// A product, kept only so prices have one to belong to and `expand[]=data.product` has
    /// something to show.
    struct Product: Sendable, Equatable {
        var id: String
        var name: String
        var active: Bool
        var livemode: Bool
        var created: Int
        var updated: Int

        init(id: String, name: String, active: Bool, livemode: Bool, created: Int) {
            self.id = id
            self.name = name
            self.active = active
            self.livemode = livemode
            self.created = created
            self.updated = created
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            name = try reader.optionalString("name") ?? id
            active = try reader.bool("active", default: true)
            livemode = try reader.bool("livemode", default: false)
            created = try reader.optionalInt("created") ?? 0
            updated = try reader.optionalInt("updated") ?? created
        }

        var json: JSONValue {
            [
                "id": .string(id), "object": "product", "active": .bool(active), "created": .int(created), "updated": .int(updated),
                "default_price": .null, "description": .null, "features": [], "images": [], "livemode": .bool(livemode),
                "metadata": [:], "name": .string(name), "package_dimensions": .null, "shippable": .null,
                "statement_descriptor": .null, "tax_code": .null, "unit_label": .null, "url": .null,
            ]
        }
    }
}
