import OpsCore

extension StripeEmulator {
    /// Stripe's parameters, from a form-encoded body or a query string: bracket keys nest
    /// (`recurring[interval]=month`, `metadata[plan]=pro`), and arrays come as `k[]=a&k[]=b` or
    /// `k[0]=a&k[1]=b`. Stripe SDKs send the indexed form, curl users the empty brackets; both
    /// read the same here.
    struct Form: Sendable, Equatable {
        indirect enum Value: Sendable, Equatable {
            case text(String)
            case list([Value])
            case map([String: Value])
        }

        /// Top-level parameters, by name.
        var members: [String: Value]
        /// Where this form sits, for error messages: `recurring` inside a price body.
        var prefix: String = ""

        init(members: [String: Value], prefix: String = "") {
            self.members = members
            self.prefix = prefix
        }

        init(query: QueryParameters) throws(RouteFailure) {
            try self.init(pairs: query.items.map { ($0.name, $0.value) })
        }

        /// A request body. Stripe takes `application/x-www-form-urlencoded` only; a JSON body
        /// would be read as one meaningless parameter, so it is refused outright.
        init(body: [UInt8], contentType: String?) throws(RouteFailure) {
            if let contentType, !contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
                throw Errors.invalidRequest(
                    "Invalid request: the body must be form-encoded (application/x-www-form-urlencoded), not \(contentType)", param: nil)
            }
            guard let text = String(validating: body, as: UTF8.self) else {
                throw Errors.invalidRequest("Invalid request: the body is not UTF-8", param: nil)
            }
            try self.init(query: QueryParameters(parsing: text))
        }

        init(pairs: [(String, String)]) throws(RouteFailure) {
            var root: [String: Node] = [:]
            for (name, value) in pairs {
                let path = try Self.path(of: name)
                var node = root[path.name]
                try Self.insert(value, at: path.segments[...], into: &node, name: name)
                root[path.name] = node
            }
            members = root.compactMapValues { $0.value }
        }

        // MARK: Reading parameters

        func has(_ name: String) -> Bool { members[name] != nil }

        func qualified(_ name: String) -> String { prefix.isEmpty ? name : "\(prefix)[\(name)]" }

        func string(_ name: String) throws(RouteFailure) -> String? {
            switch members[name] {
            case nil: return nil
            case .text(let text)?: return text
            default: throw Errors.invalidRequest("Invalid string: \(qualified(name)) must be a string", param: qualified(name))
            }
        }

        func strings(_ name: String) throws(RouteFailure) -> [String]? {
            switch members[name] {
            case nil: return nil
            case .list(let items)?:
                var strings: [String] = []
                for item in items {
                    guard case .text(let text) = item else { throw invalidArray(name) }
                    strings.append(text)
                }
                return strings
            default: throw invalidArray(name)
            }
        }

        func bool(_ name: String) throws(RouteFailure) -> Bool? {
            guard let text = try string(name) else { return nil }
            switch text {
            case "true": return true
            case "false": return false
            default: throw Errors.invalidRequest("Invalid boolean: \(text)", param: qualified(name))
            }
        }

        func int(_ name: String) throws(RouteFailure) -> Int? {
            guard let text = try string(name) else { return nil }
            guard let number = Int(text) else { throw Errors.invalidRequest("Invalid integer: \(text)", param: qualified(name)) }
            return number
        }

        func form(_ name: String) throws(RouteFailure) -> Form? {
            switch members[name] {
            case nil: return nil
            case .map(let nested)?: return Form(members: nested, prefix: qualified(name))
            default: throw Errors.invalidRequest("Invalid object", param: qualified(name))
            }
        }

        /// A string-to-string hash such as `metadata`; an empty string clears it, as on Stripe.
        func stringMap(_ name: String) throws(RouteFailure) -> [String: String]? {
            if case .text("")? = members[name] { return [:] }
            guard let nested = try form(name) else { return nil }
            var result: [String: String] = [:]
            for key in nested.members.keys { result[key] = try nested.string(key) }
            return result
        }

        /// Stripe refuses parameters an endpoint does not know, naming the first.
        func rejectUnknown(_ allowed: Set<String>) throws(RouteFailure) {
            if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw Errors.invalidRequest("Received unknown parameter: \(qualified(unknown))", param: qualified(unknown), code: "parameter_unknown")
            }
        }

        func require(_ name: String) throws(RouteFailure) {
            if members[name] == nil {
                throw Errors.invalidRequest("Missing required param: \(qualified(name)).", param: qualified(name), code: "parameter_missing")
            }
        }

        private func invalidArray(_ name: String) -> RouteFailure {
            Errors.invalidRequest("Invalid array", param: qualified(name))
        }

        // MARK: Parsing names

        enum Segment: Equatable {
            case key(String)
            /// `[]`
            case append
            /// `[3]`
            case index(Int)
        }

        /// `a[b][]` → `a`, `[.key("b"), .append]`.
        static func path(of name: String) throws(RouteFailure) -> (name: String, segments: [Segment]) {
            guard let open = name.firstIndex(of: "[") else { return (name, []) }
            let base = String(name[..<open])
            var segments: [Segment] = []
            var rest = name[open...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { throw malformed(name) }
                let inside = String(rest[rest.index(after: rest.startIndex)..<close])
                if inside.isEmpty {
                    segments.append(.append)
                } else if let index = Int(inside), index >= 0, inside.allSatisfy(\.isNumber) {
                    segments.append(.index(index))
                } else {
                    segments.append(.key(inside))
                }
                rest = rest[rest.index(after: close)...]
            }
            guard !base.isEmpty else { throw malformed(name) }
            return (base, segments)
        }

        private static func malformed(_ name: String) -> RouteFailure {
            Errors.invalidRequest("Invalid parameter name: \(name)", param: name)
        }

        /// The tree while it is built: numbered items are kept by number and put in order at the end.
        enum Node {
            case text(String)
            case list([Node])
            case numbered([Int: Node])
            case map([String: Node])

            var value: Value? {
                switch self {
                case .text(let text): .text(text)
                case .list(let items): .list(items.compactMap(\.value))
                case .numbered(let items): .list(items.keys.sorted().compactMap { items[$0]?.value })
                case .map(let members): .map(members.compactMapValues(\.value))
                }
            }
        }

        static func insert(_ value: String, at path: ArraySlice<Segment>, into node: inout Node?, name: String) throws(RouteFailure) {
            guard let first = path.first else {
                // A repeated plain name keeps the last value, as Rack does.
                node = .text(value)
                return
            }
            let rest = path.dropFirst()
            switch (first, node) {
            case (.append, nil), (.append, .list?):
                guard rest.isEmpty else { throw malformed(name) }
                var items: [Node] = []
                if case .list(let existing)? = node { items = existing }
                items.append(.text(value))
                node = .list(items)
            case (.index(let index), nil), (.index(let index), .numbered?):
                var items: [Int: Node] = [:]
                if case .numbered(let existing)? = node { items = existing }
                var child = items[index]
                try insert(value, at: rest, into: &child, name: name)
                items[index] = child
                node = .numbered(items)
            case (.key(let key), nil), (.key(let key), .map?):
                var members: [String: Node] = [:]
                if case .map(let existing)? = node { members = existing }
                var child = members[key]
                try insert(value, at: rest, into: &child, name: name)
                members[key] = child
                node = .map(members)
            default:
                throw Errors.invalidRequest("Invalid parameter: \(name) mixes a list and a hash", param: name)
            }
        }
    }
}
