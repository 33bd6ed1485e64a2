import Foundation
import OpsCore

extension SSMEmulator {
    enum Routes {
        struct Context: Sendable {
            var caller: AWSSignatureVerifier.Caller
            var input: Input
            var now: SandboxTimestamp

            /// AWS's refusal for an IAM action the key is denied.
            func authorize(_ action: String, resource: String) throws(AWSRefusal) {
                guard caller.key.deniedActions.contains(action) else { return }
                throw AWSRefusal(
                    status: 400, code: "AccessDeniedException",
                    message: "User: \(caller.key.principalARN) is not authorized to perform: \(action) on resource: \(resource) "
                        + "because no identity-based policy allows the \(action) action")
            }

            /// Decrypting a SecureString needs `kms:Decrypt` on its key, which SSM reports in KMS's words.
            func authorizeDecrypt(_ parameters: [State.Parameter], withDecryption: Bool) throws(AWSRefusal) {
                guard withDecryption, parameters.contains(where: { $0.type == "SecureString" }), caller.key.deniedActions.contains("kms:Decrypt") else { return }
                throw AWSRefusal(
                    status: 400, code: "AccessDeniedException",
                    message: "User: \(caller.key.principalARN) is not authorized to perform: kms:Decrypt on resource: "
                        + "arn:aws:kms:\(caller.region):\(AWSAccountState.accountID):key/sandbox-ssm-key (Service: AWSKMS; Status Code: 400; "
                        + "Error Code: AccessDeniedException)")
            }

            var region: String { caller.region }
        }

        static func dispatch(_ operation: Operation, _ context: Context, _ ssm: inout State) throws(AWSRefusal) -> HTTPResponse {
            switch operation {
            case .getParametersByPath: try byPath(context, ssm)
            case .getParameters: try batch(context, ssm)
            case .getParameter: try single(context, ssm)
            case .putParameter: try put(context, &ssm)
            case .deleteParameter: try delete(context, &ssm)
            }
        }

        // MARK: - Reads

        static func byPath(_ context: Context, _ ssm: State) throws(AWSRefusal) -> HTTPResponse {
            let input = context.input
            guard let path = try input.string("Path", required: true) else { throw Input.missing("Path") }
            guard path.hasPrefix("/"), path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-/".contains($0)) }) else {
                throw Input.validation("The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash \"/\".")
            }
            let recursive = try input.bool("Recursive") ?? false
            let decrypt = try input.bool("WithDecryption") ?? false
            let maxResults = try input.int("MaxResults") ?? 10
            guard maxResults >= 1 else {
                throw Input.validation("1 validation error detected: Value '\(maxResults)' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
            }
            guard maxResults <= 10 else {
                throw Input.validation("1 validation error detected: Value '\(maxResults)' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10")
            }
            try context.authorize("ssm:GetParametersByPath", resource: Wire.arn(path, region: context.region))
            let prefix = path == "/" ? "/" : (path.hasSuffix("/") ? path : path + "/")
            var offset = 0
            if let token = try input.string("NextToken") {
                guard let parsed = PageToken(token), parsed.path == prefix else {
                    throw Input.validation("The nextToken is not valid.")
                }
                offset = parsed.offset
            }
            // The scan window: the next `maxResults` parameters of the account, matching or not.
            let window = ssm.parameters.dropFirst(offset).prefix(maxResults)
            let found = window.filter { parameter in
                guard parameter.name.hasPrefix(prefix) else { return false }
                return recursive || !parameter.name.dropFirst(prefix.count).contains("/")
            }
            try context.authorizeDecrypt(Array(found), withDecryption: decrypt)
            let next = offset + window.count
            // Past the path's names there is nothing more to find: the listing ends.
            let more = next < ssm.parameters.count && !(ssm.parameters[next - 1].name > prefix && !ssm.parameters[next - 1].name.hasPrefix(prefix))
            var members: [(String, String)] = []
            if more { members.append(("NextToken", JSONWriter.canonical(.string(PageToken(path: prefix, offset: next).encoded)))) }
            members.append(("Parameters", Wire.array(found.map { Wire.parameter($0, decrypted: decrypt, region: context.region) })))
            return AWSJSONResponse.success(Wire.object(members))
        }

        static func batch(_ context: Context, _ ssm: State) throws(AWSRefusal) -> HTTPResponse {
            guard let names = try context.input.strings("Names", required: true) else { throw Input.missing("Names") }
            guard !names.isEmpty, names.count <= 10 else {
                throw Input.validation("1 validation error detected: Value '[\(names.joined(separator: ", "))]' at 'names' failed to satisfy constraint: "
                    + "Member must have length \(names.isEmpty ? "greater than or equal to 1" : "less than or equal to 10")")
            }
            let decrypt = try context.input.bool("WithDecryption") ?? false
            for name in names { try context.authorize("ssm:GetParameters", resource: Wire.arn(name, region: context.region)) }
            var found: [State.Parameter] = []
            var invalid: [String] = []
            for name in names {
                if let parameter = ssm.parameter(name) {
                    if !found.contains(where: { $0.name == name }) { found.append(parameter) }
                } else if !invalid.contains(name) {
                    invalid.append(name)
                }
            }
            try context.authorizeDecrypt(found, withDecryption: decrypt)
            return AWSJSONResponse.success(Wire.object([
                ("InvalidParameters", JSONWriter.canonical(.array(invalid.map(JSONValue.string)))),
                ("Parameters", Wire.array(found.map { Wire.parameter($0, decrypted: decrypt, region: context.region) })),
            ]))
        }

        static func single(_ context: Context, _ ssm: State) throws(AWSRefusal) -> HTTPResponse {
            guard let name = try context.input.string("Name", required: true) else { throw Input.missing("Name") }
            let decrypt = try context.input.bool("WithDecryption") ?? false
            try context.authorize("ssm:GetParameter", resource: Wire.arn(name, region: context.region))
            guard let parameter = ssm.parameter(name) else { throw notFound(name) }
            try context.authorizeDecrypt([parameter], withDecryption: decrypt)
            return AWSJSONResponse.success(Wire.object([("Parameter", Wire.parameter(parameter, decrypted: decrypt, region: context.region))]))
        }

        // MARK: - Writes

        static func put(_ context: Context, _ ssm: inout State) throws(AWSRefusal) -> HTTPResponse {
            let input = context.input
            guard let name = try input.string("Name", required: true) else { throw Input.missing("Name") }
            guard let value = try input.string("Value", required: true) else { throw Input.missing("Value") }
            let type = try input.string("Type")
            let overwrite = try input.bool("Overwrite") ?? false
            guard State.isValidName(name) else {
                throw Input.validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of "
                    + "sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_")
            }
            if let type, !State.types.contains(type) {
                throw Input.validation("1 validation error detected: Value '\(type)' at 'type' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [SecureString, StringList, String]")
            }
            guard !value.isEmpty, value.count <= 4096 else {
                throw Input.validation("1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length "
                    + (value.isEmpty ? "greater than or equal to 1" : "less than or equal to 4096"))
            }
            try context.authorize("ssm:PutParameter", resource: Wire.arn(name, region: context.region))
            let existing = ssm.parameter(name)
            if existing != nil && !overwrite {
                throw AWSRefusal(status: 400, code: "ParameterAlreadyExists", message: "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.")
            }
            guard let resolvedType = type ?? existing?.type else {
                throw Input.validation("A parameter type is required when you create a parameter.")
            }
            let version = (existing?.version ?? 0) + 1
            ssm.store(State.Parameter(
                name: name, type: resolvedType, value: value, version: version, lastModifiedMs: context.now.epochMilliseconds,
                description: try input.string("Description") ?? existing?.description))
            return AWSJSONResponse.success(["Tier": "Standard", "Version": .int(version)])
        }

        static func delete(_ context: Context, _ ssm: inout State) throws(AWSRefusal) -> HTTPResponse {
            guard let name = try context.input.string("Name", required: true) else { throw Input.missing("Name") }
            try context.authorize("ssm:DeleteParameter", resource: Wire.arn(name, region: context.region))
            guard ssm.parameter(name) != nil else { throw notFound(name) }
            ssm.parameters.removeAll { $0.name == name }
            return AWSJSONResponse.success(.object([:]))
        }

        static func notFound(_ name: String) -> AWSRefusal {
            AWSRefusal(status: 400, code: "ParameterNotFound", message: "Parameter \(name) not found.")
        }
    }

    /// `NextToken`: where the scan stopped, for which path. Opaque to clients, as AWS's is.
    struct PageToken: Sendable, Equatable {
        var path: String
        var offset: Int

        init(path: String, offset: Int) {
            self.path = path
            self.offset = offset
        }

        init?(_ token: String) {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
            let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "ssm-sandbox-v1", let offset = Int(parts[1]), offset >= 0 else { return nil }
            self.init(path: String(parts[2]), offset: offset)
        }

        var encoded: String {
            Data("ssm-sandbox-v1|\(offset)|\(path)".utf8).base64EncodedString()
        }
    }
}
