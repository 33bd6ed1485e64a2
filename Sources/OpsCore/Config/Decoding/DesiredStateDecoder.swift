/// Turns the YAML of `desired-state.yaml` into a `DesiredState`, reporting every problem.
enum DesiredStateDecoder {
    static func decode(_ root: YAMLNode?, report: ConfigReport, sections: DesiredStateSections = DesiredStateSections()) -> DesiredState? {
        guard let root, !root.isNull else { return DesiredState() }
        let value = ConfigValue(node: root, path: .root, report: report)
        return value.fileRoot(kind: "a desired-state file", supportedVersion: DesiredState.supportedVersion) { file, version in
            // The keys are asked for in this order (it is the order of the unknown-key hint);
            // the sections are then decoded at the same time.
            for section in sections.listed { section.attach(from: file) }
            ConcurrentSections.decode(sections.listed, into: file.value.report)
            return DesiredState(
                version: version,
                supabase: sections.supabase.model,
                vercel: sections.vercel.model,
                github: sections.github.model,
                stripe: sections.stripe.model,
                sendgrid: sections.sendgrid.model,
                posthog: sections.posthog.model,
                slack: sections.slack.model,
                secrets: sections.secrets.model,
                heroku: sections.heroku.model
            )
        }
    }
}

/// The sections of a desired state and their decoders, made before the file is parsed so that
/// each can be decoded as soon as its value is composed (`DecodedSection.decodeEarly`).
final class DesiredStateSections: @unchecked Sendable {
    let supabase = DecodedSection(key: "supabase", SupabaseDecoder.decode)
    let vercel = DecodedSection(key: "vercel", VercelDecoder.decode)
    let github = DecodedSection(key: "github", GitHubDecoder.decode)
    let stripe = DecodedSection(key: "stripe", StripeDecoder.decode)
    let sendgrid = DecodedSection(key: "sendgrid", ReadOnlyServicesDecoder.sendgrid)
    let posthog = DecodedSection(key: "posthog", ReadOnlyServicesDecoder.posthog)
    let slack = DecodedSection(key: "slack", ReadOnlyServicesDecoder.slack)
    let secrets = DecodedSection(key: "secrets", SecretsDecoder.decode)
    let heroku = DecodedSection(key: "heroku", HerokuDecoder.decode)

    /// In the order decoding asks for the keys and reports the sections' problems.
    var listed: [any ConcurrentSection] { [supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku] }

    /// For `YAML.parse`: decodes a top-level value as soon as it is composed, when it is a section's.
    func decodeEarly(key: YAMLNode, value: YAMLNode, source: SourceText) {
        for section in listed { section.decodeEarly(key: key, value: value, source: source) }
    }
}
