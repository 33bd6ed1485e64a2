import OpsCore

/// Why a migration could not be delivered as a pull request: one sentence and a hint each.
enum MigrationPublishError: DiagnosticError, Equatable {
    case emptyScript
    case noChanges
    case invalidSlug(String)
    /// The redactor changed the text: it holds a registered secret or something shaped like one.
    case secretInContent(part: String)
    case baseBranchMissing(branch: String)
    /// The migration file is already on the base branch: it was merged before.
    case alreadyOnBase(path: String, base: String)
    /// A file of that name is on the base branch with different SQL.
    case conflictingFileOnBase(path: String, base: String)
    case branchNamesExhausted(branch: String, attempts: Int)
    /// GitHub refused the pull request (422) and no open one exists for the branch.
    case pullRequestRejected(branch: String, message: String)
    /// A GitHub call failed; `step` says which ("creating the branch 'x'").
    case github(step: String, Diagnostic)

    var diagnostic: Diagnostic {
        Diagnostic(message: message, hint: hint)
    }

    var message: String {
        switch self {
        case .emptyScript:
            "the migration has no SQL to commit"
        case .noChanges:
            "the migration lists no planned changes"
        case .invalidSlug(let slug):
            "the migration name '\(slug)' has no letters or digits to name a file with"
        case .secretInContent(let part):
            "refusing to open a pull request: \(part) contains a secret value or something shaped like a credential"
        case .baseBranchMissing(let branch):
            "the repository's default branch '\(branch)' has no commit to branch from"
        case .alreadyOnBase(let path, let base):
            "\(path) is already on '\(base)' with the same SQL, so the migration was merged before"
        case .conflictingFileOnBase(let path, let base):
            "\(path) already exists on '\(base)' with different SQL"
        case .branchNamesExhausted(let branch, let attempts):
            "could not create a branch for the migration: '\(branch)' and \(attempts - 1) suffixed names are taken"
        case .pullRequestRejected(let branch, let message):
            "GitHub refused to open a pull request from '\(branch)': \(message)"
        case .github(let step, let diagnostic):
            "\(step) failed: \(diagnostic.message)"
        }
    }

    var hint: String? {
        switch self {
        case .emptyScript, .noChanges, .invalidSlug:
            "re-run 'opsctl plan'; the database changes did not produce a migration"
        case .secretInContent:
            "a secret must never reach a pull request: remove it from desired-state.yaml (defaults, policies) and re-plan"
        case .baseBranchMissing:
            "push a first commit to the repository named by OPS_GITHUB_OWNER/OPS_GITHUB_REPO"
        case .alreadyOnBase:
            "re-run 'opsctl plan' once the migration has been applied to the database"
        case .conflictingFileOnBase:
            "re-run apply a second later, or rename the file on the base branch"
        case .branchNamesExhausted:
            "delete stale opsctl/migration-* branches in the repository and re-run apply"
        case .pullRequestRejected:
            "check the branch in GitHub; its message above says why"
        case .github(_, let diagnostic):
            diagnostic.hint
        }
    }
}
