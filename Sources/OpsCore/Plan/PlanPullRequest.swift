/// The pull request a plan was posted to (`plan --pr N`, or a `pull_request` event in GitHub
/// Actions), and its head commit when it was: where `apply` looks for reviews that approve the
/// plan's changes (docs/approvals.md, "GitHub pull-request reviews"). Inside the plan, so the
/// plan's digest covers it and nobody can point a plan at another pull request afterwards.
package struct PlanPullRequest: Sendable, Hashable {
    /// `owner/name`.
    package var repository: String
    package var number: Int
    /// The head commit's SHA when the plan was made; a review counts only on this commit.
    package var headSHA: String

    package init(repository: String, number: Int, headSHA: String) {
        self.repository = repository
        self.number = number
        self.headSHA = headSHA
    }

    /// `acme/app#12`.
    package var reference: String { "\(repository)#\(number)" }
}
