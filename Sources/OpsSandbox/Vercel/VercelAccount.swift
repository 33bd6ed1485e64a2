extension VercelEmulator {
    /// Whose projects a request sees: the team named by `teamId` (or `slug`), else the token
    /// owner's personal account. Keeping them apart is what lets a test notice a client that
    /// forgets `teamId` on some call.
    struct Account: Equatable {
        static let personal = "user_sandbox"

        let id: String

        init(id: String) {
            self.id = id
        }

        init(query: QueryParameters) {
            if let team = query["teamId"], !team.isEmpty {
                id = team
            } else if let slug = query["slug"], !slug.isEmpty {
                id = "team_slug_\(slug)"
            } else {
                id = Self.personal
            }
        }
    }
}
