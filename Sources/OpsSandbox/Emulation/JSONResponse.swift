import OpsCore

/// Builders for the responses every emulator sends.
extension HTTPResponse {
    /// A JSON body in compact canonical form (sorted keys): byte-stable, so tests can compare.
    package static func json(_ status: Int, _ value: JSONValue, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        json(status, body: JSONWriter.canonicalBytes(value), headers: headers)
    }

    /// A JSON body already written as bytes, in the same canonical form.
    package static func json(_ status: Int, body: [UInt8], headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        if headers["Content-Type"] == nil { headers.set("Content-Type", "application/json; charset=utf-8") }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    package static func text(_ status: Int, _ text: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        if headers["Content-Type"] == nil { headers.set("Content-Type", "text/plain; charset=utf-8") }
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    package static func empty(_ status: Int, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers)
    }

    /// The same response with `extra` headers added, replacing ones of the same name.
    package func adding(_ extra: HTTPHeaders) -> HTTPResponse {
        var copy = self
        for field in extra { copy.headers.set(field.name, field.value) }
        return copy
    }
}
