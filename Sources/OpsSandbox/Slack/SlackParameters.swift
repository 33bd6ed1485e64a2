import OpsCore

extension SlackEmulator {
    /// A method's arguments, from the query string, a form body, or a JSON body, and the token
    /// from `Authorization: Bearer` or a `token` argument.
    struct Parameters {
        private var values: [String: JSONValue] = [:]
        let token: String?

        init(_ request: EmulatorRequest, acceptsJSON: Bool) throws(RouteFailure) {
            for item in request.query.items { values[item.name] = .string(item.value) }
            let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
            if !request.body.isEmpty {
                if contentType.hasPrefix("application/json") {
                    guard acceptsJSON else { throw Errors.failure("invalid_form_data") }
                    guard case .object(let members)? = try? JSONParser.parse(request.body) else { throw Errors.failure("invalid_json") }
                    for (key, value) in members { values[key] = value }
                } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
                    let form = QueryParameters(parsing: String(decoding: request.body, as: UTF8.self))
                    for item in form.items { values[item.name] = .string(item.value) }
                } else {
                    throw Errors.failure("invalid_post_type")
                }
            }
            let bearer = BearerToken(request).value
            token = bearer ?? values["token"]?.stringValue
        }

        subscript(name: String) -> String? {
            switch values[name] {
            case .string(let text)?: text
            case .int(let number)?: String(number)
            case .bool(let flag)?: flag ? "true" : "false"
            default: nil
            }
        }

        /// `true`, `1` (form) or JSON `true`.
        func bool(_ name: String) -> Bool {
            guard let text = self[name]?.lowercased() else { return false }
            return text == "true" || text == "1"
        }

        /// A JSON value as sent: an array in JSON bodies, a JSON-encoded string in forms.
        func json(_ name: String) -> JSONValue? {
            switch values[name] {
            case .string(let text)?: try? JSONParser.parse(text)
            case let other?: other
            case nil: nil
            }
        }
    }
}
