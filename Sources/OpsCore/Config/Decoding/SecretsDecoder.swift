enum SecretsDecoder {
    static func decode(_ value: ConfigValue) -> SecretsConfig? {
        value.mapping { secrets in
            let source = secrets.required("source", hint: "add 'source: ssm' or 'source: env'")?.oneOf(SecretsConfig.Source.self)
            let pathValue = secrets["ssmPath"]
            let ssmPath = pathValue?.formatted { ssmParameterProblem($0, allowTrailingSlash: true) }
            if source == .ssm, pathValue == nil {
                secrets.value.error("\(secrets.path) reads from ssm but has no ssmPath",
                                    hint: "add the parameter prefix, as in 'ssmPath: /autorisen/prod/'")
            }
            if source == .env, let pathValue {
                pathValue.warning("\(pathValue.path) is ignored because source is env",
                                  hint: "remove it, or set 'source: ssm'")
            }
            let targetsValue = secrets["targets"]
            let targets = targetsValue.flatMap(Self.targets)
            if targetsValue == nil || targets?.isEmpty == true {
                (targetsValue ?? secrets.value).warning(
                    "\(secrets.path) has no targets, so nothing will be synced",
                    hint: "add targets: heroku: { app: NAME } and/or vercel: { targets: [production] }"
                )
            }
            var names = DuplicateTracker<String>()
            let keys = secrets["keys"]?.list { entry -> SecretKey? in
                guard let key = Self.key(entry, declared: targets ?? SecretTargets()) else { return nil }
                names.check(key.name, at: entry, what: "the key '\(key.name)'", hint: "list each key once")
                return key
            }
            // Without its path an ssm source names no parameters, so nothing could be synced safely.
            guard let source, source == .env || ssmPath != nil else { return nil }
            return SecretsConfig(
                source: source, ssmPath: ssmPath, targets: targets ?? SecretTargets(),
                keys: keys ?? [], location: secrets.location
            )
        }
    }

    /// A key as a bare name (`DATABASE_URL`) or as a mapping with its owner, rotation period
    /// and the targets it goes to.
    private static func key(_ entry: ConfigValue, declared: SecretTargets) -> SecretKey? {
        guard entry.node.isMapping else {
            return entry.environmentVariableName().map { SecretKey(name: $0, location: entry.location) }
        }
        return entry.mapping { key in
            let name = key.required("key", hint: "name the variable, as in 'key: STRIPE_SECRET_KEY'")?.environmentVariableName()
            let owner = key["owner"]?.nonEmptyString()
            let rotateValue = key["rotateEvery"]
            var rotateEvery: Int?
            if let rotateValue, let text = rotateValue.string() {
                rotateEvery = PolicyDuration.seconds(in: text).flatMap { $0 > 0 ? $0 : nil }
                if rotateEvery == nil {
                    rotateValue.error("\(rotateValue.path) must be a duration such as 90d, 12w or 720h, found '\(text)'",
                                      hint: "write a number followed by d (days), w (weeks), h or m")
                }
            }
            let targetsValue = key["targets"]
            var targets: [SecretTargetName]?
            if let targetsValue {
                targets = targetsValue.list { item -> SecretTargetName? in
                    guard let target = item.oneOf(SecretTargetName.self) else { return nil }
                    if !declared.names.contains(target) {
                        item.error("\(item.path) names the target \(target.rawValue), which secrets.targets does not declare",
                                   hint: "declare it under secrets.targets, or remove it here")
                        return nil
                    }
                    return target
                }
            }
            guard let name else { return nil }
            return SecretKey(
                name: name, owner: owner, rotateEvery: rotateEvery, rotateEveryText: rotateEvery == nil ? nil : rotateValue?.text,
                targets: targets, location: key.location
            )
        }
    }

    private static func targets(_ value: ConfigValue) -> SecretTargets? {
        value.mapping { targets in
            let heroku = targets["heroku"].flatMap { heroku in
                heroku.mapping { target in
                    let prune = target["prune"]?.bool() ?? false
                    return target.required("app", hint: "add the Heroku app name, as in 'app: autorisen'")?
                        .formatted(NameFormat.herokuApp)
                        .map { HerokuSecretTarget(app: $0, prune: prune, location: target.location) }
                }
            }
            let vercel = targets["vercel"].flatMap { vercel in
                vercel.mapping { target in
                    let prune = target["prune"]?.bool() ?? false
                    return target.required("targets", hint: "add 'targets: [production]'")
                        .flatMap(VercelDecoder.targets)
                        .map { VercelSecretTarget(targets: $0, prune: prune, location: target.location) }
                }
            }
            return SecretTargets(heroku: heroku, vercel: vercel)
        }
    }

    /// An SSM parameter name or prefix: absolute, of the characters SSM allows, without empty parts.
    static func ssmParameterProblem(_ path: String, allowTrailingSlash: Bool) -> FormatProblem? {
        guard path.hasPrefix("/") else {
            return FormatProblem("must start with '/'", hint: "write an absolute parameter path, as in /autorisen/prod/")
        }
        let allowed = path.unicodeScalars.allSatisfy {
            NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || "_.-/".unicodeScalars.contains($0)
        }
        guard allowed else { return FormatProblem("may hold only letters, digits and _ . - /", hint: "rename the parameter path, as in /autorisen/prod/") }
        let body = allowTrailingSlash && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard body.count > 1, !body.dropFirst().split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            return FormatProblem("has an empty part between slashes", hint: "remove the doubled '/'")
        }
        return nil
    }
}
