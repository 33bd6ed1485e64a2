import OpsCore

/// A vendor's wording of a refused JSON request body, in its own error envelope: GitHub's
/// `{message, documentation_url}`, Vercel's `{error: {code, message}}`, Storage's
/// `{statusCode, error, message}`. It is a value, not just a type, because some vendors name
/// the endpoint in the error (GitHub's `documentation_url`).
package protocol JSONBodyErrorEnvelope: Sendable {
    func response(for problem: JSONBodyProblem) -> HTTPResponse
}
