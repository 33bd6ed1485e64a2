extension HerokuEmulator {
    /// Heroku's list paging by header (docs/services/heroku.md, "Pagination"): the request's
    /// `Range: <field> [start]..[end][; max=N][, order=asc|desc]`, a start after `]` being
    /// exclusive; a partial page is 206 with the `Next-Range` to ask for next.
    struct Range: Equatable {
        static let defaultMax = 200
        static let largestMax = 1000

        var field: String
        var start: String?
        var exclusiveStart: Bool
        var max: Int
        var descending: Bool

        /// Nil for a header Heroku would refuse (400 `bad_request`); no header reads as the
        /// default range over `defaultField`.
        init?(header: String?, defaultField: String, fields: Set<String>) {
            guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                self.init(field: defaultField, start: nil, exclusiveStart: false, max: Self.defaultMax, descending: false)
                return
            }
            let halves = header.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let spec = halves[0].split(separator: " ", maxSplits: 1).map(String.init)
            guard let field = spec.first, fields.contains(field) else { return nil }
            var start: String?
            var exclusive = false
            if spec.count == 2 {
                let bounds = spec[1].trimmingCharacters(in: .whitespaces)
                guard let dots = bounds.range(of: "..") else { return nil }
                var first = String(bounds[..<dots.lowerBound])
                if first.hasPrefix("]") {
                    exclusive = true
                    first.removeFirst()
                }
                start = first.isEmpty ? nil : first
            }
            var max = Self.defaultMax
            var descending = false
            if halves.count == 2 {
                for option in halves[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !option.isEmpty {
                    let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
                    guard pair.count == 2 else { return nil }
                    switch pair[0] {
                    case "max":
                        guard let value = Int(pair[1]), (1...Self.largestMax).contains(value) else { return nil }
                        max = value
                    case "order":
                        guard pair[1] == "asc" || pair[1] == "desc" else { return nil }
                        descending = pair[1] == "desc"
                    default:
                        return nil
                    }
                }
            }
            self.init(field: field, start: start, exclusiveStart: exclusive, max: max, descending: descending)
        }

        init(field: String, start: String?, exclusiveStart: Bool, max: Int, descending: Bool) {
            self.field = field
            self.start = start
            self.exclusiveStart = exclusiveStart
            self.max = max
            self.descending = descending
        }

        /// One page of `items`, each with its sort key for `field`, and the next range if more remain.
        func page<Item>(_ items: [Item], key: (Item, String) -> String, numeric: Bool) -> (items: [Item], next: String?) {
            func less(_ a: String, _ b: String) -> Bool {
                if numeric, let x = Int(a), let y = Int(b) { return x < y }
                return a < b
            }
            var sorted = items.sorted { less(key($0, field), key($1, field)) }
            if descending { sorted.reverse() }
            if let start {
                sorted = sorted.filter { item in
                    let value = key(item, field)
                    if value == start { return !exclusiveStart }
                    return descending ? less(value, start) : less(start, value)
                }
            }
            let page = Array(sorted.prefix(max))
            guard sorted.count > max, let last = page.last else { return (page, nil) }
            let options = "max=\(max)" + (descending ? ", order=desc" : "")
            return (page, "\(field) ]\(key(last, field))..; \(options)")
        }
    }
}
