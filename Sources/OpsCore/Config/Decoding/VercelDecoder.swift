enum VercelDecoder {
    static func decode(_ value: ConfigValue) -> VercelConfig? {
        value.mapping { vercel in
            let envVarsValue = vercel["envVars"]
            var declared = [String: [DeclaredTargets]](minimumCapacity: envVarsValue?.itemCount ?? 0)
            let envVars = envVarsValue?.list { envVar($0, declared: &declared) }
            var cronPaths = DuplicateTracker<String>()
            let crons = vercel["crons"]?.list { cron($0, paths: &cronPaths) }
            let prune = vercel["prune"]?.list { entry -> VercelConfig.PrunableCollection? in
                entry.formatted { text in
                    VercelConfig.PrunableCollection(rawValue: text) == nil
                        ? FormatProblem("names '\(text)', which opsctl cannot prune in vercel",
                                        hint: "vercel can prune: \(VercelConfig.PrunableCollection.allCases.map(\.rawValue).joined(separator: ", "))")
                        : nil
                }.flatMap(VercelConfig.PrunableCollection.init(rawValue:))
            }
            return VercelConfig(envVars: envVars ?? [], crons: crons ?? [], prune: Set(prune ?? []))
        }
    }

    private static func envVar(
        _ entry: ConfigValue,
        declared: inout [String: [DeclaredTargets]]
    ) -> VercelEnvVar? {
        entry.mapping { variable in
            let keyValue = variable.required("key")
            let key = keyValue?.environmentVariableName()
            let targetsValue = variable.required("targets", hint: "add 'targets: [production, preview]'")
            let targets = targetsValue.flatMap(VercelDecoder.targets)
            let typeValue = variable["type"]
            let type = typeValue.map { $0.oneOf(VercelEnvVar.Kind.self) } ?? .encrypted
            // Vercel keeps sensitive values out of development, where anyone can pull them.
            if type == .sensitive, targets?.contains(.development) == true, let typeValue {
                typeValue.error(
                    "\(typeValue.path) cannot be sensitive while targets include development",
                    hint: "Vercel allows sensitive variables only in production and preview; remove development or use type encrypted"
                )
            }
            let valueFrom = variable["valueFrom"].flatMap(valueSource)
            if let key, let keyValue, let targets {
                // Through the entry's place in the dictionary: one hash of the key, not two.
                DeclaredTargets.check(DeclaredTargets(targets: targets, value: keyValue), key: key, against: &declared[key, default: []])
            }
            guard let key, let targets, let type else { return nil }
            return VercelEnvVar(key: key, targets: targets, type: type, valueFrom: valueFrom, location: variable.location)
        }
    }

    /// The targets an entry declared a key for, and where: a key may appear once per target.
    struct DeclaredTargets {
        /// At most three, so a list is searched faster than a set is built.
        var targets: [VercelTarget]
        var value: ConfigValue

        static func check(_ entry: DeclaredTargets, key: String, against earlier: inout [DeclaredTargets]) {
            for first in earlier {
                let shared = VercelTarget.allCases.filter { first.targets.contains($0) && entry.targets.contains($0) }
                guard !shared.isEmpty else { continue }
                entry.value.reportRepeat(
                    of: first.value,
                    what: "the variable '\(key)' for \(shared.map(\.rawValue).joined(separator: ", "))",
                    hint: "a variable may appear once per target; split the targets between the entries"
                )
                break
            }
            earlier.append(entry)
        }
    }

    static func targets(_ value: ConfigValue) -> [VercelTarget]? {
        if let clean = cleanTargets(value.node) { return clean }
        var seen = FirstListed()
        let targets = value.list { entry -> VercelTarget? in
            guard let target = entry.oneOf(VercelTarget.self) else { return nil }
            if let first = seen[target] {
                entry.reportRepeat(of: first, what: "the target '\(target.rawValue)'", hint: "list each target once")
            } else {
                seen[target] = entry
            }
            return target
        }
        if value.isEmptyList || value.isNull {
            value.error("\(value.path) must name at least one target", hint: "use production, preview and/or development")
            return nil
        }
        return targets
    }

    /// A list that names known targets, each once, in words that can only be text: what
    /// `targets` returns for it, read straight from the nodes; nil for anything else, which
    /// `targets` reads entry by entry to report it. Most lists are such, and a value, a path
    /// and a place among the first listed for each entry were a thousand instructions a target
    /// (docs/performance.md).
    private static func cleanTargets(_ node: YAMLNode) -> [VercelTarget]? {
        guard node.isSequence, node.count > 0 else { return nil }
        var targets: [VercelTarget] = []
        targets.reserveCapacity(node.count)
        for position in 0..<node.count {
            guard let target = node.item(position).spelledChoice(VercelTarget.self), !targets.contains(target) else { return nil }
            targets.append(target)
        }
        return targets
    }

    /// Where each of the three targets was first listed: kept beside the entry being decoded
    /// rather than in an array of its own for each of thousands of variables.
    private struct FirstListed {
        var production: ConfigValue?
        var preview: ConfigValue?
        var development: ConfigValue?

        subscript(target: VercelTarget) -> ConfigValue? {
            get {
                switch target {
                case .production: production
                case .preview: preview
                case .development: development
                }
            }
            set {
                switch target {
                case .production: production = newValue
                case .preview: preview = newValue
                case .development: development = newValue
                }
            }
        }
    }

    /// `env:NAME` or `ssm:/path`. The text is never quoted back: a pasted secret must not reach a log.
    static func valueSource(_ value: ConfigValue) -> ValueSource? {
        guard let text = value.string() else { return nil }
        let shape = "must be env:NAME or ssm:/path/to/parameter"
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst(4))
            guard NameFormat.isEnvironmentVariableName(name) else {
                value.error("\(value.path) \(shape), and the part after env: is not a variable name",
                            hint: "name the variable that holds the value, as in env:STRIPE_SECRET_KEY", quotingSource: false)
                return nil
            }
            return .environment(name)
        }
        if text.hasPrefix("ssm:") {
            let path = String(text.dropFirst(4))
            if let problem = SecretsDecoder.ssmParameterProblem(path, allowTrailingSlash: false) {
                value.error("\(value.path) \(shape), and the parameter path \(problem.reason)", hint: problem.hint, quotingSource: false)
                return nil
            }
            return .ssm(path)
        }
        value.error("\(value.path) \(shape)",
                    hint: "name where the value lives, never the value itself, as in env:STRIPE_SECRET_KEY", quotingSource: false)
        return nil
    }

    private static func cron(_ entry: ConfigValue, paths: inout DuplicateTracker<String>) -> VercelCron? {
        entry.mapping { cron in
            let pathValue = cron.required("path", hint: "add 'path: /api/cron/job'")
            let path = pathValue?.formatted { text in
                guard text.hasPrefix("/") else {
                    return FormatProblem("must start with '/', found '\(text)'", hint: "write '/\(text)'")
                }
                return text.contains(where: \.isWhitespace) ? FormatProblem("must not contain spaces, found '\(text)'", hint: "use the route path as deployed, such as /api/cron/digest") : nil
            }
            if let path, let pathValue { paths.check(path, at: pathValue, what: "the cron path '\(path)'", hint: "declare each cron path once") }
            let schedule = cron.required("schedule", hint: "add a schedule such as \"0 9 * * *\"")?.formatted(CronSchedule.problem)
            guard let path, let schedule else { return nil }
            return VercelCron(path: path, schedule: schedule, location: cron.location)
        }
    }
}

extension ConfigValue {
    func environmentVariableName() -> String? {
        guard let text = nonEmptyString() else { return nil }
        if let problem = NameFormat.environmentVariable(text) {
            error("\(path) \(problem.reason)", hint: problem.hint, quotingSource: !text.contains("="))
            return nil
        }
        return text
    }
}
