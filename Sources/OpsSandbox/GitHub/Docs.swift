extension GitHubEmulator {
    /// `documentation_url` values GitHub puts in error bodies, per endpoint.
    enum Docs {
        static let root = "https://docs.github.com/rest"
        static let userAgent = "https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required"
        static let rateLimit = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"
        static let apiVersions = "https://docs.github.com/rest/overview/api-versions"

        static let getRepository = "https://docs.github.com/rest/repos/repos#get-a-repository"

        static let listLabels = "https://docs.github.com/rest/issues/labels#list-labels-for-a-repository"
        static let createLabel = "https://docs.github.com/rest/issues/labels#create-a-label"
        static let getLabel = "https://docs.github.com/rest/issues/labels#get-a-label"
        static let updateLabel = "https://docs.github.com/rest/issues/labels#update-a-label"
        static let deleteLabel = "https://docs.github.com/rest/issues/labels#delete-a-label"

        static let getProtection = "https://docs.github.com/rest/branches/branch-protection#get-branch-protection"
        static let updateProtection = "https://docs.github.com/rest/branches/branch-protection#update-branch-protection"
        static let deleteProtection = "https://docs.github.com/rest/branches/branch-protection#delete-branch-protection"

        static let getRef = "https://docs.github.com/rest/git/refs#get-a-reference"
        static let createRef = "https://docs.github.com/rest/git/refs#create-a-reference"

        static let getContent = "https://docs.github.com/rest/repos/contents#get-repository-content"
        static let putContent = "https://docs.github.com/rest/repos/contents#create-or-update-file-contents"

        static let createPull = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"
        static let listPulls = "https://docs.github.com/rest/pulls/pulls#list-pull-requests"
        static let getPull = "https://docs.github.com/rest/pulls/pulls#get-a-pull-request"
        static let mergePull = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"

        static let listReviews = "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request"
        static let createReview = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
        static let dismissReview = "https://docs.github.com/rest/pulls/reviews#dismiss-a-review-for-a-pull-request"

        static let listIssueComments = "https://docs.github.com/rest/issues/comments#list-issue-comments"
        static let createIssueComment = "https://docs.github.com/rest/issues/comments#create-an-issue-comment"
        static let getIssueComment = "https://docs.github.com/rest/issues/comments#get-an-issue-comment"
        static let updateIssueComment = "https://docs.github.com/rest/issues/comments#update-an-issue-comment"

        static let listActivities = "https://docs.github.com/rest/repos/repos#list-repository-activities"
    }
}
