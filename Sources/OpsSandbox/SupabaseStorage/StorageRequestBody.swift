import OpsCore

extension SupabaseEmulator {
    /// Whether a request body names a member at all: Storage leaves a setting untouched when
    /// it is absent and clears it when it is `null`.
    enum Presence<Value: Sendable & Equatable>: Sendable, Equatable {
        case absent
        case present(Value)
    }

    /// A Storage request body: the shared reader, refusing in Storage's words.
    typealias StorageRequestBody = JSONBodyReader<StorageBodyErrors>

    /// Storage checks bodies with Fastify's JSON schemas and answers with Fastify's validation
    /// messages (`body/public must be boolean`) in its own envelope.
    struct StorageBodyErrors: JSONBodyErrorEnvelope {
        func response(for problem: JSONBodyProblem) -> HTTPResponse {
            StorageErrors.validation(message(for: problem)).response
        }

        private func message(for problem: JSONBodyProblem) -> String {
            switch problem {
            case .blank:
                "Body cannot be empty when content-type is set to 'application/json'"
            case .notJSON:
                "Body is not valid JSON"
            case .notAnObject:
                "body must be object"
            case .wrongType(let member, _, let expected, let nullable):
                "body/\(member) must be \(expected.ajvName(nullable: nullable))"
            case .missingMembers(let keys):
                "body must have required property '\(keys.first ?? "")'"
            }
        }
    }

    /// Storage's size strings (`src/storage/limits.ts`): a decimal number and `B`, `KB`, `MB`
    /// or `GB` in any case, in decimal units (1 MB = 1,000,000 bytes), rounded to whole bytes.
    enum FileSize {
        static func bytes(_ text: String) -> Int? {
            let lowered = text.lowercased()
            let units: [(String, Double)] = [("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("b", 1)]
            guard let (unit, factor) = units.first(where: { lowered.hasSuffix($0.0) }) else { return nil }
            let number = lowered.dropLast(unit.count)
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) && $0.allSatisfy(\.isASCII) }),
                let value = Double(number)
            else { return nil }
            let bytes = (value * factor).rounded()
            return bytes < 9e15 ? Int(bytes) : nil
        }
    }
}

extension JSONBodyReader where Envelope == SupabaseEmulator.StorageBodyErrors {
    static func parse(_ request: EmulatorRequest) throws(RouteFailure) -> Self {
        try Self(body: request.body, envelope: SupabaseEmulator.StorageBodyErrors())
    }

    /// `file_size_limit`: bytes as an integer ≥ 0, a size such as `"5MB"`, or `null`. Zero
    /// clears the limit, as Storage only applies a limit that is truthy.
    func fileSizeLimit() throws(RouteFailure) -> SupabaseEmulator.Presence<Int?> {
        switch members["file_size_limit"] {
        case nil: return .absent
        case .null?: return .present(nil)
        case .int(let bytes)?:
            guard bytes >= 0 else { throw SupabaseEmulator.StorageErrors.validation("body/file_size_limit must be >= 0") }
            return .present(bytes == 0 ? nil : bytes)
        case .string(let text)?:
            guard let bytes = SupabaseEmulator.FileSize.bytes(text) else { throw SupabaseEmulator.StorageErrors.invalidFileSizeLimit() }
            return .present(bytes == 0 ? nil : bytes)
        case _?:
            throw SupabaseEmulator.StorageErrors.validation("body/file_size_limit must be integer,string")
        }
    }

    /// `allowed_mime_types`: a list of strings (empty entries dropped, as Storage does) or `null`.
    func allowedMimeTypes() throws(RouteFailure) -> SupabaseEmulator.Presence<[String]?> {
        let key = "allowed_mime_types"
        switch members[key] {
        case nil: return .absent
        case .null?: return .present(nil)
        case .array(let items)?:
            var types: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    // Fastify names the item at fault, not the whole array.
                    throw refusal(.wrongType(member: "\(path(of: key))/\(index)", value: item, expected: .string, nullable: false))
                }
                if !text.isEmpty { types.append(text) }
            }
            return .present(types)
        case let other?:
            throw refusal(.wrongType(member: path(of: key), value: other, expected: .array, nullable: false))
        }
    }
}
