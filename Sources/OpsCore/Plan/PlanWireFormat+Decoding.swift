/// Reading format 1.x: unknown keys are ignored (a newer 1.x may add some), missing or
/// mistyped known keys are errors naming the field.
extension PlanWireFormat {
    struct Fields {
        let members: [String: JSONValue]
        let path: String
        let prefix: String

        init(_ value: JSONValue, path: String, prefix: String) throws(PlanFileError) {
            guard case .object(let members) = value else {
                throw PlanFileError(path: path, reason: .wrongType(field: prefix.isEmpty ? "(top level)" : prefix, expected: "an object"))
            }
            self.members = members
            self.path = path
            self.prefix = prefix
        }

        func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

        func value(_ key: String) throws(PlanFileError) -> JSONValue {
            guard let value = members[key] else { throw PlanFileError(path: path, reason: .missingField(name(key))) }
            return value
        }

        func string(_ key: String) throws(PlanFileError) -> String {
            guard case .string(let text) = try value(key) else { throw mistyped(key, "a string") }
            return text
        }

        func optionalString(_ key: String) throws(PlanFileError) -> String? {
            guard let value = members[key], value != .null else { return nil }
            guard case .string(let text) = value else { throw mistyped(key, "a string") }
            return text
        }

        func bool(_ key: String) throws(PlanFileError) -> Bool {
            guard case .bool(let flag) = try value(key) else { throw mistyped(key, "true or false") }
            return flag
        }

        func int(_ key: String) throws(PlanFileError) -> Int {
            guard case .int(let number) = try value(key) else { throw mistyped(key, "an integer") }
            return number
        }

        func array(_ key: String) throws(PlanFileError) -> [JSONValue] {
            guard case .array(let items) = try value(key) else { throw mistyped(key, "a list") }
            return items
        }

        func strings(_ key: String) throws(PlanFileError) -> [String] {
            var result: [String] = []
            for item in try array(key) {
                guard case .string(let text) = item else { throw mistyped(key, "a list of strings") }
                result.append(text)
            }
            return result
        }

        /// Strings that must each name a case of `T` (scopes, hazards).
        func values<T: RawRepresentable>(_ key: String, as type: T.Type) throws(PlanFileError) -> [T] where T.RawValue == String {
            var result: [T] = []
            for text in try strings(key) {
                guard let value = T(rawValue: text) else { throw invalid(key, text) }
                result.append(value)
            }
            return result
        }

        func invalid(_ key: String, _ value: String) -> PlanFileError {
            PlanFileError(path: path, reason: .invalidValue(field: name(key), value: value))
        }

        private func mistyped(_ key: String, _ expected: String) -> PlanFileError {
            PlanFileError(path: path, reason: .wrongType(field: name(key), expected: expected))
        }
    }

    static func decode(_ value: JSONValue, path: String) throws(PlanFileError) -> (plan: Plan, recordedDigest: String) {
        let top = try Fields(value, path: path, prefix: "")
        let version = try top.string("formatVersion")
        guard version == "1" || version.hasPrefix("1.") else {
            throw PlanFileError(path: path, reason: .unsupportedFormat(version))
        }
        var inputs: [PlanInput] = []
        for (index, item) in try top.array("inputs").enumerated() {
            let fields = try Fields(item, path: path, prefix: "inputs[\(index)]")
            inputs.append(PlanInput(role: try fields.string("role"), path: try fields.string("path"), sha256: try fields.string("sha256")))
        }
        var checks: [Check] = []
        for (index, item) in try top.array("checks").enumerated() {
            checks.append(try decodeCheck(try Fields(item, path: path, prefix: "checks[\(index)]")))
        }
        var changes: [Change] = []
        for (index, item) in try top.array("changes").enumerated() {
            changes.append(try decodeChange(try Fields(item, path: path, prefix: "changes[\(index)]")))
        }
        // Absent in plans written before coverage was reported.
        var coverage: [Coverage] = []
        if case .array(let items)? = value["coverage"] {
            for (index, item) in items.enumerated() {
                let fields = try Fields(item, path: path, prefix: "coverage[\(index)]")
                coverage.append(Coverage(
                    scope: try scope(fields), collection: try fields.string("collection"),
                    managed: try fields.int("managed"), total: try fields.int("total")
                ))
            }
        }
        // Absent unless the plan was posted to a pull request.
        var pullRequest: PlanPullRequest?
        if let member = top.members["pullRequest"], member != .null {
            let fields = try Fields(member, path: path, prefix: "pullRequest")
            pullRequest = PlanPullRequest(
                repository: try fields.string("repository"), number: try fields.int("number"), headSHA: try fields.string("headSha"))
        }
        let summary = try Fields(try top.value("summary"), path: path, prefix: "summary")
        let plan = Plan(
            opsctlVersion: try top.string("opsctlVersion"),
            createdAt: try top.string("createdAt"),
            createdBy: try top.string("createdBy"),
            scope: try top.values("scope", as: ServiceScope.self),
            inputs: inputs,
            checks: checks,
            changes: changes,
            requests: (try? summary.int("requests")) ?? 0,
            coverage: coverage,
            pullRequest: pullRequest
        )
        return (plan, try top.string("digest"))
    }

    private static func decodeCheck(_ fields: Fields) throws(PlanFileError) -> Check {
        let statusText = try fields.string("status")
        guard let status = CheckStatus(rawValue: statusText) else { throw fields.invalid("status", statusText) }
        var changeID: ChangeID?
        if let text = try fields.optionalString("changeId") {
            guard let id = ChangeID(text) else { throw fields.invalid("changeId", text) }
            changeID = id
        }
        return Check(
            id: try fields.string("id"),
            scope: try scope(fields),
            name: try fields.string("name"),
            status: status,
            message: try fields.string("message"),
            suggestedAction: try fields.optionalString("suggestedAction"),
            changeID: changeID,
            source: try fields.optionalString("source").flatMap(decodeSource)
        )
    }

    private static func scope(_ fields: Fields) throws(PlanFileError) -> ServiceScope {
        let text = try fields.string("scope")
        guard let scope = ServiceScope(rawValue: text) else { throw fields.invalid("scope", text) }
        return scope
    }

    private static func decodeChange(_ fields: Fields) throws(PlanFileError) -> Change {
        let idText = try fields.string("id")
        guard let id = ChangeID(idText) else { throw fields.invalid("id", idText) }
        let riskText = try fields.string("risk")
        guard let risk = Risk(rawValue: riskText) else { throw fields.invalid("risk", riskText) }
        let change = Change(
            id: id,
            description: try fields.string("description"),
            risk: risk,
            hazards: try fields.values("hazards", as: ChangeHazard.self),
            before: try fields.value("before"),
            after: try fields.value("after"),
            observed: try fields.string("observed"),
            payload: try fields.value("payload"),
            source: try fields.optionalString("source").flatMap(decodeSource),
            requiresApproval: try fields.bool("requiresApproval"),
            approvers: try fields.strings("approvers")
        )
        guard try fields.string("digest") == PlanDigest.of(change) else {
            throw PlanFileError(path: fields.path, reason: .changeDigestMismatch(change: idText))
        }
        return change
    }
}
