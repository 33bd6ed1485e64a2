// SendGrid, PostHog and Slack are only checked, never changed, so each declares a little.

package struct SendGridConfig: Sendable, Equatable {
    /// Domains that must be authenticated.
    package var domains: [SendGridDomain]
    /// Sender addresses that must be verified.
    package var senders: [SendGridSender]

    package init(domains: [SendGridDomain] = [], senders: [SendGridSender] = []) {
        self.domains = domains
        self.senders = senders
    }
}

package struct SendGridDomain: Sendable, Equatable {
    package var name: String
    package var location: SourceLocation?

    package init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}

package struct SendGridSender: Sendable, Equatable {
    package var email: String
    package var location: SourceLocation?

    package init(email: String, location: SourceLocation? = nil) {
        self.email = email
        self.location = location
    }
}

package struct PostHogConfig: Sendable, Equatable {
    /// The environment variable that must hold the project key (`phc_...`); the key itself never appears here.
    package var projectKeyEnv: String
    package var location: SourceLocation?

    package init(projectKeyEnv: String, location: SourceLocation? = nil) {
        self.projectKeyEnv = projectKeyEnv
        self.location = location
    }
}

package struct SlackConfig: Sendable, Equatable {
    /// `#name` or a channel ID.
    package var approvalChannel: String
    package var location: SourceLocation?

    package init(approvalChannel: String, location: SourceLocation? = nil) {
        self.approvalChannel = approvalChannel
        self.location = location
    }
}
