/// Turns the YAML of `desired-state.yaml` into a `DesiredState`, reporting every problem.
enum DesiredStateDecoder {
    static func decode(_ root: YAMLNode?, report: ConfigReport) -> DesiredState? {
        guard let root, !root.isNull else { return DesiredState() }
        let value = ConfigValue(node: root, path: .root, report: report)
        return value.fileRoot(kind: "a desired-state file", supportedVersion: DesiredState.supportedVersion) { file, version in
            DesiredState(
                version: version,
                supabase: file["supabase"].flatMap(SupabaseDecoder.decode),
                vercel: file["vercel"].flatMap(VercelDecoder.decode),
                github: file["github"].flatMap(GitHubDecoder.decode),
                stripe: file["stripe"].flatMap(StripeDecoder.decode),
                sendgrid: file["sendgrid"].flatMap(ReadOnlyServicesDecoder.sendgrid),
                posthog: file["posthog"].flatMap(ReadOnlyServicesDecoder.posthog),
                slack: file["slack"].flatMap(ReadOnlyServicesDecoder.slack),
                secrets: file["secrets"].flatMap(SecretsDecoder.decode),
                heroku: file["heroku"].flatMap(HerokuDecoder.decode)
            )
        }
    }
}
