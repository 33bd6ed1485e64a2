import Foundation
import OpsCore

/// The source of truth of the secrets scope: where values are read from, by key name, at
/// plan time (only to fingerprint them) and at apply time (to write them to a target).
/// `source: ssm` reads a parameter path, `source: env` the process environment.
package protocol SecretSource: Sendable {
    /// What the plan calls this source ("AWS SSM /autorisen/prod/", "the environment").
    var label: String { get }
    /// Every key the source holds: under the parameter path for SSM (names relative to it),
    /// or just the `wanted` names for the environment, which cannot be listed meaningfully.
    func readAll(wanted: [String]) async throws(SecretSourceError) -> [SourceSecret]
    /// The named keys only; an absent key is simply not in the result.
    func read(names: [String]) async throws(SecretSourceError) -> [SourceSecret]
}

/// One value from the source. `value` goes to the redactor and an HMAC, never further.
package struct SourceSecret: Sendable {
    /// The key, relative to the source's path (`DATABASE_URL`).
    package var name: String
    package var value: String
    /// When the value last changed, where the source knows (SSM's `LastModifiedDate`).
    package var lastModified: Date?

    package init(name: String, value: String, lastModified: Date? = nil) {
        self.name = name
        self.value = value
        self.lastModified = lastModified
    }
}

/// Why the source could not be read, as one sentence naming the source and request.
package struct SecretSourceError: DiagnosticError, Equatable {
    package var diagnostic: Diagnostic

    package init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
