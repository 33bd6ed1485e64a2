import OpsCore

extension Optional where Wrapped == JSONValue {
    /// A member of a listing's `JSONObjectTable` read as `Decodable`'s `decodeIfPresent` reads
    /// it: `.some(nil)` when it is absent or null, `.some(value)` when `read` takes what it
    /// holds, nil (refused) otherwise. In the module of the wire types that call it, so each
    /// call is specialised: from OpsCore the generic call cost about 1,000 instructions a
    /// member, seven members a Vercel variable (docs/performance.md).
    func ifPresent<Value>(_ read: (JSONValue) -> Value?) -> Value?? {
        guard let value = self else { return .some(nil) }
        if case .null = value { return .some(nil) }
        return read(value).map { .some($0) }
    }
}
