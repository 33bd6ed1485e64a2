/// Some members of every object in a JSON array, by position: what
/// `JSONParser.objectMembers(in:named:)` reads from a listing, with no tree and no dictionary per
/// object. Object `i`'s member `j` (the `j`th name asked for) is `self[i][j]`: nil when the
/// object lacks it, `.null` when it holds null.
package struct JSONObjectTable: Sendable {
    package let memberCount: Int
    package private(set) var count = 0
    /// Row-major: `memberCount` slots per object.
    var values: [JSONValue?] = []
    /// With a container, the named members of the object around the array.
    package internal(set) var enclosing: [String: JSONValue] = [:]

    init(memberCount: Int) {
        self.memberCount = memberCount
    }

    package subscript(object: Int) -> Object { Object(table: self, base: object * memberCount) }

    package struct Object {
        fileprivate let table: JSONObjectTable
        fileprivate let base: Int

        package subscript(member: Int) -> JSONValue? { table.values[base + member] }
    }

    /// Every object built by `make`, in order, or nil as soon as `make` refuses one (a caller
    /// then reads the document the slower way, which reports what was wrong).
    package func objects<Item>(_ make: (Object) -> Item?) -> [Item]? {
        var items: [Item] = []
        items.reserveCapacity(count)
        for object in 0..<count {
            guard let item = make(self[object]) else { return nil }
            items.append(item)
        }
        return items
    }

    /// Room for `objects` objects in all.
    mutating func reserveObjects(_ objects: Int) {
        values.reserveCapacity(objects * memberCount)
    }

    /// Adds an object with every slot empty and returns where its slots start.
    mutating func appendObject() -> Int {
        let base = values.count
        values.append(contentsOf: repeatElement(nil, count: memberCount))
        count += 1
        return base
    }
}
