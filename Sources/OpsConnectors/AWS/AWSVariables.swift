/// The environment variables the AWS connectors read (docs/services/ssm.md, "Variables"):
/// the AWS CLI's own names for keys and region, opsctl's for endpoint overrides, and the
/// GitHub Actions runner's for the job's OIDC token.
package enum AWSVariables {
    package static let accessKeyID = "AWS_ACCESS_KEY_ID"
    package static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
    package static let sessionToken = "AWS_SESSION_TOKEN"
    package static let region = "AWS_REGION"
    /// The AWS CLI's older name, read when `AWS_REGION` is not set.
    package static let defaultRegion = "AWS_DEFAULT_REGION"
    package static let ssmURL = "OPS_SSM_API_URL"
    package static let stsURL = "OPS_STS_API_URL"
    package static let roleARN = "AWS_ROLE_ARN"
    package static let roleSessionName = "AWS_ROLE_SESSION_NAME"
    /// The AWS SDKs' name for a file holding an OIDC token to assume `AWS_ROLE_ARN` with.
    package static let webIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE"
    package static let actionsTokenURL = "ACTIONS_ID_TOKEN_REQUEST_URL"
    package static let actionsToken = "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
    /// Names the session after the workflow run, so CloudTrail shows which run read what.
    package static let githubRunID = "GITHUB_RUN_ID"
}
