package enum OpsctlVersion {
    package static let current = "0.1.0"
}
