extension VercelEmulator {
    /// Vendor behaviour that is not confirmed (docs/services/vercel.md, "Known gaps"), made
    /// switchable so tests can hold a client to either reading.
    package struct Options: Sendable, Equatable {
        /// How a `sensitive` value looks in the decrypted read: the description allows both.
        package enum SensitiveValue: Sendable, Equatable {
            /// `"value": ""` (the default, as in listings).
            case emptyString
            /// No `value` member, `decrypted: false` (the description's first response variant).
            case omitted
        }

        /// The status for a missing or malformed token: 403 `forbidden` as observed, or 401 as
        /// the description also lists.
        package var unauthenticatedStatus: Int
        package var sensitiveValue: SensitiveValue
        /// Page size of env listings when the client names no `limit`; nil lists everything at
        /// once, as the description implies.
        package var defaultEnvPageSize: Int?

        package init(unauthenticatedStatus: Int = 403, sensitiveValue: SensitiveValue = .emptyString, defaultEnvPageSize: Int? = nil) {
            self.unauthenticatedStatus = unauthenticatedStatus
            self.sensitiveValue = sensitiveValue
            self.defaultEnvPageSize = defaultEnvPageSize
        }
    }
}
