import OpsCore

extension SupabaseEmulator {
    /// Whether a request body names a member at all: Storage leaves a setting untouched when
    /// it is absent and clears it when it is `null`.
    enum Presence<Value: Sendable & Equatable>: Sendable, Equatable {
        case absent
        case present(Value)
    }

    /// A JSON request body checked the way Storage's Fastify schemas check it, answering with
    /// Fastify's validation messages (`body/public must be boolean`).
    struct StorageRequestBody {
        let members: [String: JSONValue]

        static func parse(_ request: EmulatorRequest) throws(StorageFailure) -> StorageRequestBody {
            if request.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
                throw StorageErrors.validation("Body cannot be empty when content-type is set to 'application/json'")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(request.body)
            } catch {
                throw StorageErrors.validation("Body is not valid JSON")
            }
            guard case .object(let members) = value else { throw StorageErrors.validation("body must be object") }
            return StorageRequestBody(members: members)
        }

        func string(_ key: String) throws(StorageFailure) -> String? {
            switch members[key] {
            case nil: return nil
            case .string(let text)?: return text
            case _?: throw StorageErrors.validation("body/\(key) must be string")
            }
        }

        func bool(_ key: String) throws(StorageFailure) -> Bool? {
            switch members[key] {
            case nil: return nil
            case .bool(let flag)?: return flag
            case _?: throw StorageErrors.validation("body/\(key) must be boolean")
            }
        }

        /// `file_size_limit`: bytes as an integer ≥ 0, a size such as `"5MB"`, or `null`. Zero
        /// clears the limit, as Storage only applies a limit that is truthy.
        func fileSizeLimit() throws(StorageFailure) -> Presence<Int?> {
            switch members["file_size_limit"] {
            case nil: return .absent
            case .null?: return .present(nil)
            case .int(let bytes)?:
                guard bytes >= 0 else { throw StorageErrors.validation("body/file_size_limit must be >= 0") }
                return .present(bytes == 0 ? nil : bytes)
            case .string(let text)?:
                guard let bytes = FileSize.bytes(text) else { throw StorageErrors.invalidFileSizeLimit() }
                return .present(bytes == 0 ? nil : bytes)
            case _?:
                throw StorageErrors.validation("body/file_size_limit must be integer,string")
            }
        }

        /// `allowed_mime_types`: a list of strings (empty entries dropped, as Storage does) or `null`.
        func allowedMimeTypes() throws(StorageFailure) -> Presence<[String]?> {
            switch members["allowed_mime_types"] {
            case nil: return .absent
            case .null?: return .present(nil)
            case .array(let items)?:
                var types: [String] = []
                for (index, item) in items.enumerated() {
                    guard case .string(let text) = item else {
                        throw StorageErrors.validation("body/allowed_mime_types/\(index) must be string")
                    }
                    if !text.isEmpty { types.append(text) }
                }
                return .present(types)
            case _?:
                throw StorageErrors.validation("body/allowed_mime_types must be array")
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
