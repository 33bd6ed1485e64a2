import OpsCore

/// The query string of a request as ordered name/value pairs. Order is kept because
/// pagination links echo the client's own parameters back in the order it sent them.
package struct QueryParameters: Sendable, Hashable {
    package struct Item: Sendable, Hashable {
        package var name: String
        package var value: String
    }

    package var items: [Item]

    package init(_ items: [Item] = []) {
        self.items = items
    }

    /// Parses `a=1&b=two+words`; pairs whose escapes are malformed are dropped, as lenient
    /// servers do.
    package init(parsing query: String?) {
        guard let query, !query.isEmpty else {
            items = []
            return
        }
        items = query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusAsSpace: true), !name.isEmpty else { return nil }
            let value = parts.count > 1 ? PercentEncoding.decode(parts[1], plusAsSpace: true) : ""
            return value.map { Item(name: name, value: $0) }
        }
    }

    package subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// The same parameters with `name` set to `value` (replacing every earlier value, appended
    /// last), as an encoded query string without the `?`.
    package func setting(_ name: String, to value: String) -> String {
        var kept = items.filter { $0.name != name }
        kept.append(Item(name: name, value: value))
        return kept.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }
}
