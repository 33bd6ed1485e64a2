extension PostHogEmulator {
    /// Per-key behaviour for tests; kept in memory only, since keys never reach the state file.
    package struct Options: Sendable {
        /// Project ids a key may not see (403 `permission_denied`).
        package var forbiddenProjects: [String: Set<Int>]
        /// The project `@current` resolves to for a key; otherwise the state's current project.
        package var currentProjectByKey: [String: Int]
        /// Keys PostHog would refuse as invalid.
        package var revokedKeys: Set<String>

        package init(forbiddenProjects: [String: Set<Int>] = [:], currentProjectByKey: [String: Int] = [:], revokedKeys: Set<String> = []) {
            self.forbiddenProjects = forbiddenProjects
            self.currentProjectByKey = currentProjectByKey
            self.revokedKeys = revokedKeys
        }
    }
}
