/// Turns the YAML of `desired-state.yaml` into a `DesiredState`, reporting every problem.
enum DesiredStateDecoder {
    static let supabase = SectionKey("supabase", SupabaseDecoder.decode)
    static let vercel = SectionKey("vercel", VercelDecoder.decode)
    static let github = SectionKey("github", GitHubDecoder.decode)
    static let stripe = SectionKey("stripe", StripeDecoder.decode)
    static let sendgrid = SectionKey("sendgrid", ReadOnlyServicesDecoder.sendgrid)
    static let posthog = SectionKey("posthog", ReadOnlyServicesDecoder.posthog)
    static let slack = SectionKey("slack", ReadOnlyServicesDecoder.slack)
    static let secrets = SectionKey("secrets", SecretsDecoder.decode)
    static let heroku = SectionKey("heroku", HerokuDecoder.decode)

    /// Every section, for `EarlySections` to find a section's decoder by its key.
    static let sections: [any AnySectionKey] = [supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku]

    /// `early` holds the sections decoded while the file was still being parsed, if any.
    static func decode(_ root: YAMLNode?, report: ConfigReport, early: EarlySections? = nil) -> DesiredState? {
        guard let root, !root.isNull else { return DesiredState() }
        let value = ConfigValue(node: root, path: .root, report: report)
        return value.fileRoot(kind: "a desired-state file", supportedVersion: DesiredState.supportedVersion) { file, version in
            // The keys are asked for in this order (it is the order of the unknown-key hint);
            // the sections are then decoded at the same time.
            let supabase = early.section(Self.supabase, in: file)
            let vercel = early.section(Self.vercel, in: file)
            let github = early.section(Self.github, in: file)
            let stripe = early.section(Self.stripe, in: file)
            let sendgrid = early.section(Self.sendgrid, in: file)
            let posthog = early.section(Self.posthog, in: file)
            let slack = early.section(Self.slack, in: file)
            let secrets = early.section(Self.secrets, in: file)
            let heroku = early.section(Self.heroku, in: file)
            ConcurrentSections.decode([supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku], into: file.value.report)
            return DesiredState(
                version: version,
                supabase: supabase.model,
                vercel: vercel.model,
                github: github.model,
                stripe: stripe.model,
                sendgrid: sendgrid.model,
                posthog: posthog.model,
                slack: slack.model,
                secrets: secrets.model,
                heroku: heroku.model
            )
        }
    }
}
