public enum OpsctlVersion {
    public static let current = "0.1.0"
}
