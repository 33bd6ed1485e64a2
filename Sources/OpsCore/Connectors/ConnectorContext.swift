/// What a connector may know about the world it runs in. Only the CLI reads the process
/// environment; it hands the relevant slice in here, so connectors stay testable.
package struct ConnectorContext: Sendable {
    package var environment: [String: String]
    /// `OPSCTL_SANDBOX_URL`: when set, every connector talks to the sandbox under `/<scope>`.
    package var sandboxURL: String?
    package var redactor: Redactor
    /// Fingerprints of secret values, and those earlier applies recorded; the CLI fills it in.
    package var fingerprints: SecretFingerprinting = .unavailable
    /// With `--verbose`, receives one redacted line per HTTP request a connector makes.
    package var requestLog: (@Sendable (String) -> Void)?

    package init(environment: [String: String], redactor: Redactor) {
        self.environment = environment
        self.sandboxURL = environment["OPSCTL_SANDBOX_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.redactor = redactor
    }

    /// The base URL for a service: its own override variable, then the sandbox, then the default.
    package func baseURL(scope: ServiceScope, overrideVariable: String, defaultURL: String) -> String {
        if let override = environment[overrideVariable], !override.isEmpty { return override }
        if let sandboxURL { return sandboxURL.trimmingSuffix("/") + "/" + scope.rawValue }
        return defaultURL
    }

    /// Reads the variables a connector needs; `secrets` are registered with the redactor so
    /// their values are masked wherever they might surface. Fails naming every missing
    /// variable, and every one set to a value that cannot be sent as it is (see
    /// `CredentialValueProblem`): an HTTP stack drops a header holding a newline (Foundation
    /// did, silently) or refuses the request, and the service's 401 would then blame the token.
    package func settings(secrets: [String], plain: [String] = []) -> Result<[String: String], MissingCredentials> {
        var values: [String: String] = [:]
        var missing: [String] = []
        var unusable: [(name: String, problem: CredentialValueProblem)] = []
        for name in secrets + plain {
            guard let value = environment[name], !value.isEmpty else {
                missing.append(name)
                continue
            }
            if secrets.contains(name) { redactor.register(secret: value) }
            if let problem = CredentialValueProblem(value) {
                unusable.append((name, problem))
                continue
            }
            values[name] = value
        }
        if missing.isEmpty && unusable.isEmpty { return .success(values) }
        var sentences = unusable.map { $0.problem.sentence(variable: $0.name) }
        if !missing.isEmpty { sentences.insert(MissingCredentials.notSet(missing), at: 0) }
        return .failure(
            MissingCredentials(
                variables: missing + unusable.map(\.name),
                problem: unusable.isEmpty ? nil : sentences.joined(separator: "; ")))
    }
}

/// Why a variable's value cannot be used as it is, without ever quoting the value: characters
/// a shell or an editor adds unseen (a final newline from `echo` or a file, a carriage return,
/// a tab, a byte order mark, a zero-width space), which no token, ID or URL contains and which
/// HTTP header values cannot carry.
package enum CredentialValueProblem: Sendable, Equatable {
    case endsWithNewline
    case endsWithCarriageReturn
    case surroundingWhitespace(leading: Bool)
    /// `scalar` is the code point, written as U+XXXX; `position` is 1-based, in characters.
    case invisibleCharacter(scalar: UInt32, position: Int)

    /// Nil when the value is usable.
    package init?(_ value: String) {
        // By scalars: "\r\n" is one Character, so `hasSuffix("\n")` would miss it.
        let last = value.unicodeScalars.last
        if last == "\n" || last == "\u{2028}" {
            self = .endsWithNewline
            return
        }
        if last == "\r" {
            self = .endsWithCarriageReturn
            return
        }
        if let first = value.unicodeScalars.first, first.properties.isWhitespace {
            self = .surroundingWhitespace(leading: true)
            return
        }
        if let last, last.properties.isWhitespace {
            self = .surroundingWhitespace(leading: false)
            return
        }
        for (offset, scalar) in value.unicodeScalars.enumerated() where Self.isInvisible(scalar) {
            self = .invisibleCharacter(scalar: scalar.value, position: offset + 1)
            return
        }
        return nil
    }

    /// Control characters (C0, DEL, C1), format characters such as U+200B and U+FEFF, and the
    /// line and paragraph separators.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// One clause naming the variable, what is wrong and how to fix it; never the value.
    package func sentence(variable name: String) -> String {
        switch self {
        case .endsWithNewline:
            return "\(name) ends with a newline; remove it (echo -n …, or printf '%s' …, when setting it)"
        case .endsWithCarriageReturn:
            return "\(name) ends with a carriage return; remove it (a file saved with Windows line endings?)"
        case .surroundingWhitespace(let leading):
            return "\(name) \(leading ? "starts" : "ends") with white space; remove it"
        case .invisibleCharacter(let scalar, let position):
            let code = String(scalar, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return "\(name) contains the invisible character U+\(padded) at character \(position); remove it"
        }
    }
}

/// Why a connector could not be set up: variables missing, or one set to something unusable.
package struct MissingCredentials: Error, Sendable, Equatable {
    /// Every variable that is missing or unusable.
    package var variables: [String]
    /// Set when a variable is present but unusable (a malformed URL, a trailing newline); it
    /// then names the missing ones too.
    package var problem: String?

    package init(variables: [String], problem: String? = nil) {
        self.variables = variables
        self.problem = problem
    }

    package var message: String {
        if let problem { return problem }
        return Self.notSet(variables)
    }

    static func notSet(_ variables: [String]) -> String {
        "\(variables.joined(separator: ", ")) \(variables.count == 1 ? "is" : "are") not set"
    }

    /// Both reasons together, for a connector made of parts that each need their own variables.
    package func combined(with other: MissingCredentials) -> MissingCredentials {
        guard problem != nil || other.problem != nil else { return MissingCredentials(variables: variables + other.variables) }
        return MissingCredentials(variables: variables + other.variables, problem: message + "; " + other.message)
    }

    /// What to do about it, for a check's suggested action. Says "set", not `export NAME=…`:
    /// an assignment-shaped hint would itself look like a credential to the redactor.
    package var suggestedAction: String {
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
