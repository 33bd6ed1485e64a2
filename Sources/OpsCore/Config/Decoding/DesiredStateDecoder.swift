/// Turns the YAML of `desired-state.yaml` into a `DesiredState`, reporting every problem.
enum DesiredStateDecoder {
    static func decode(_ root: YAMLNode?, report: ConfigReport) -> DesiredState? {
        guard let root, !root.isNull else { return DesiredState() }
        let value = ConfigValue(node: root, path: .root, report: report)
        return value.fileRoot(kind: "a desired-state file", supportedVersion: DesiredState.supportedVersion) { file, version in
            // The keys are asked for in this order (it is the order of the unknown-key hint);
            // the sections are then decoded at the same time.
            let supabase = DecodedSection(file["supabase"], SupabaseDecoder.decode)
            let vercel = DecodedSection(file["vercel"], VercelDecoder.decode)
            let github = DecodedSection(file["github"], GitHubDecoder.decode)
            let stripe = DecodedSection(file["stripe"], StripeDecoder.decode)
            let sendgrid = DecodedSection(file["sendgrid"], ReadOnlyServicesDecoder.sendgrid)
            let posthog = DecodedSection(file["posthog"], ReadOnlyServicesDecoder.posthog)
            let slack = DecodedSection(file["slack"], ReadOnlyServicesDecoder.slack)
            let secrets = DecodedSection(file["secrets"], SecretsDecoder.decode)
            let heroku = DecodedSection(file["heroku"], HerokuDecoder.decode)
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
