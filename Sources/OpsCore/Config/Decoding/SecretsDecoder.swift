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
                guard let name = entry.environmentVariableName() else { return nil }
                names.check(name, at: entry, what: "the key '\(name)'", hint: "list each key once")
                return SecretKey(name: name, location: entry.location)
            }
            // Without its path an ssm source names no parameters, so nothing could be synced safely.
            guard let source, source == .env || ssmPath != nil else { return nil }
            return SecretsConfig(
                source: source, ssmPath: ssmPath, targets: targets ?? SecretTargets(),
                keys: keys ?? [], location: secrets.location
            )
        }
    }

    private static func targets(_ value: ConfigValue) -> SecretTargets? {
        value.mapping { targets in
            let heroku = targets["heroku"].flatMap { heroku in
                heroku.mapping { target in
                    target.required("app", hint: "add the Heroku app name, as in 'app: autorisen'")?
                        .formatted(NameFormat.herokuApp)
                        .map { HerokuSecretTarget(app: $0, location: target.location) }
                }
            }
            let vercel = targets["vercel"].flatMap { vercel in
                vercel.mapping { target in
                    target.required("targets", hint: "add 'targets: [production]'")
                        .flatMap(VercelDecoder.targets)
                        .map { VercelSecretTarget(targets: $0, location: target.location) }
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
