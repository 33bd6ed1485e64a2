import Foundation
import OpsCore

/// Credentials STS handed out, and when they stop working.
package struct AWSTemporaryCredentials: Sendable, Equatable {
    package var credentials: SigV4.Credentials
    package var expiration: Date?

    package init(credentials: SigV4.Credentials, expiration: Date?) {
        self.credentials = credentials
        self.expiration = expiration
    }

    /// Renewed a little before they expire, so a request signed now is not refused in flight.
    package func isFresh(at now: Date) -> Bool {
        guard let expiration else { return true }
        return expiration.timeIntervalSince(now) > 5 * 60
    }
}
