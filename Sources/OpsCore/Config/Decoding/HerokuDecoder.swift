enum HerokuDecoder {
    static func decode(_ value: ConfigValue) -> HerokuConfig? {
        value.mapping { heroku in
            var names = DuplicateTracker<String>()
            let apps = heroku["apps"]?.list { entry -> HerokuApp? in
                entry.mapping { app in
                    guard let name = app.required("name", hint: "add the app's name, as in 'name: autorisen'")?.formatted(NameFormat.herokuApp)
                    else { return nil }
                    names.check(name, at: app.value, what: "the app '\(name)'", hint: "list each app once")
                    let health = app["healthCheck"]?.formatted(NetworkFormat.webhookURL)
                    let formation = app["formation"].flatMap(Self.formation) ?? []
                    return HerokuApp(name: name, healthCheck: health, formation: formation, location: app.location)
                }
            }
            return HerokuConfig(apps: apps ?? [])
        }
    }

    private static func formation(_ value: ConfigValue) -> [HerokuProcessType]? {
        value.mapping { formation in
            formation.entries.compactMap { key, entry -> HerokuProcessType? in
                guard let type = key.formatted(processTypeProblem) else { return nil }
                return entry.mapping { process in
                    let quantity = process["quantity"]?.int(in: 0...10_000)
                    let size = process["size"]?.nonEmptyString()
                    return HerokuProcessType(type: type, quantity: quantity, size: size, location: process.location)
                }
            }
        }
    }

    /// Heroku's process type pattern, `^[-\w]{1,128}$`.
    static func processTypeProblem(_ text: String) -> FormatProblem? {
        let valid = (1...128).contains(text.count)
            && text.unicodeScalars.allSatisfy { NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || $0 == "_" || $0 == "-" }
        return valid ? nil : FormatProblem(
            "must be a process type (letters, digits, '_' and '-'), found '\(text)'", hint: "use the name from the Procfile, as in web")
    }
}
