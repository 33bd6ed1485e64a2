/// What a connector may know about the world it runs in. Only the CLI reads the process
/// environment; it hands the relevant slice in here, so connectors stay testable.
public struct ConnectorContext: Sendable {
    public var environment: [String: String]
    /// `OPSCTL_SANDBOX_URL`: when set, every connector talks to the sandbox under `/<scope>`.
    public var sandboxURL: String?
    public var redactor: Redactor
    /// Fingerprints of secret values, and those earlier applies recorded; the CLI fills it in.
    public var fingerprints: SecretFingerprinting = .unavailable
    /// With `--verbose`, receives one redacted line per HTTP request a connector makes.
    public var requestLog: (@Sendable (String) -> Void)?

    public init(environment: [String: String], redactor: Redactor) {
        self.environment = environment
        self.sandboxURL = environment["OPSCTL_SANDBOX_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.redactor = redactor
    }

    /// The base URL for a service: its own override variable, then the sandbox, then the default.
    public func baseURL(scope: ServiceScope, overrideVariable: String, defaultURL: String) -> String {
        if let override = environment[overrideVariable], !override.isEmpty { return override }
        if let sandboxURL { return sandboxURL.trimmingSuffix("/") + "/" + scope.rawValue }
        return defaultURL
    }

    /// Reads the variables a connector needs; `secrets` are registered with the redactor so
    /// their values are masked wherever they might surface. Fails naming every missing one.
    public func settings(secrets: [String], plain: [String] = []) -> Result<[String: String], MissingCredentials> {
        var values: [String: String] = [:]
        var missing: [String] = []
        for name in secrets + plain {
            guard let value = environment[name], !value.isEmpty else {
                missing.append(name)
                continue
            }
            values[name] = value
            if secrets.contains(name) { redactor.register(secret: value) }
        }
        return missing.isEmpty ? .success(values) : .failure(MissingCredentials(variables: missing))
    }
}

/// Why a connector could not be set up: variables missing, or one set to something unusable.
public struct MissingCredentials: Error, Sendable, Equatable {
    public var variables: [String]
    /// Set when the variable is present but unusable (a malformed URL).
    public var problem: String?

    public init(variables: [String], problem: String? = nil) {
        self.variables = variables
        self.problem = problem
    }

    public var message: String {
        if let problem { return problem }
        return "\(variables.joined(separator: ", ")) \(variables.count == 1 ? "is" : "are") not set"
    }

    /// What to do about it, for a check's suggested action. Says "set", not `export NAME=…`:
    /// an assignment-shaped hint would itself look like a credential to the redactor.
    public var suggestedAction: String {
        let names = variables.count <= 1
            ? variables.joined()
            : variables.dropLast().joined(separator: ", ") + " and " + variables[variables.count - 1]
        return "set \(names) in the environment and re-run plan"
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
