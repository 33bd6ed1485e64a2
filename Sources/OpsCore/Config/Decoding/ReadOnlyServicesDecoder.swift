enum ReadOnlyServicesDecoder {
    static func sendgrid(_ value: ConfigValue) -> SendGridConfig? {
        value.mapping { sendgrid in
            var domainNames = DuplicateTracker<String>()
            let domains = sendgrid["domains"]?.list { entry -> SendGridDomain? in
                guard let name = entry.formatted(NetworkFormat.domain) else { return nil }
                domainNames.check(name.lowercased(), at: entry, what: "the domain '\(name)'", hint: "list each domain once")
                return SendGridDomain(name: name, location: entry.location)
            }
            var addresses = DuplicateTracker<String>()
            let senders = sendgrid["senders"]?.list { entry -> SendGridSender? in
                guard let email = entry.formatted(NetworkFormat.email) else { return nil }
                addresses.check(email.lowercased(), at: entry, what: "the sender '\(email)'", hint: "list each sender once")
                return SendGridSender(email: email, location: entry.location)
            }
            return SendGridConfig(domains: domains ?? [], senders: senders ?? [])
        }
    }

    static func posthog(_ value: ConfigValue) -> PostHogConfig? {
        value.mapping { posthog in
            let name = posthog.required("projectKeyEnv", hint: "name the variable that holds the key, as in NEXT_PUBLIC_POSTHOG_KEY")?
                .environmentVariableName()
            return name.map { PostHogConfig(projectKeyEnv: $0, location: posthog.location) }
        }
    }

    static func slack(_ value: ConfigValue) -> SlackConfig? {
        value.mapping { slack in
            guard let pair = slack.raw("approvalChannel") else {
                _ = slack.required("approvalChannel", hint: "add approvalChannel: \"#ops-approvals\"")
                return nil
            }
            if pair.value.isNull {
                let swallowed = pair.key.restOfLineContainsComment
                pair.key.report.error(
                    swallowed
                        ? "\(pair.key.path) has no value: the unquoted '#' after it starts a YAML comment"
                        : "\(pair.key.path) needs a value",
                    at: pair.key.mark,
                    hint: "put the channel in quotes, as in approvalChannel: \"#ops-approvals\""
                )
                return nil
            }
            let channel = pair.value.formatted(NameFormat.slackChannel)
            return channel.map { SlackConfig(approvalChannel: $0, location: slack.location) }
        }
    }
}
