import OpsCore

/// The changes the GitHub connector proposes; raw values are the `resource.action` of their IDs.
enum GitHubChangeKind: String, ChangeKind {
    case labelCreate = "label.create"
    case labelUpdate = "label.update"
    case labelDelete = "label.delete"
    case branchProtectionUpdate = "branch_protection.update"

    static let scope = ServiceScope.github
}

/// What applying a GitHub change needs, decoded from the plan once.
enum GitHubChange: ChangePayload, Equatable {
    case createLabel(LabelSnapshot)
    /// `currentName` is the label's name as GitHub has it (names compare case-insensitively).
    case updateLabel(currentName: String, to: LabelSnapshot)
    case protectBranch(branch: String, ProtectionSnapshot)
    /// Prune: the label exists, is not declared, and `prune: [labels]` is on.
    case deleteLabel(name: String)

    init(change: Change) throws(ChangePayloadError) {
        let payload = PayloadReader(change)
        switch try GitHubChangeKind.of(change) {
        case .labelCreate:
            self = .createLabel(try LabelSnapshot(try payload.member("label")))
        case .labelUpdate:
            self = .updateLabel(currentName: try payload.string("currentName"), to: try LabelSnapshot(try payload.member("label")))
        case .branchProtectionUpdate:
            self = .protectBranch(branch: try payload.string("branch"), try ProtectionSnapshot(try payload.member("protection")))
        case .labelDelete:
            self = .deleteLabel(name: try payload.string("name"))
        }
    }

    var kind: GitHubChangeKind {
        switch self {
        case .createLabel: .labelCreate
        case .updateLabel: .labelUpdate
        case .protectBranch: .branchProtectionUpdate
        case .deleteLabel: .labelDelete
        }
    }

    var payload: JSONValue {
        switch self {
        case .createLabel(let label): .object(["label": label.json])
        case .updateLabel(let currentName, let label): .object(["label": label.json, "currentName": .string(currentName)])
        case .protectBranch(let branch, let protection): .object(["branch": .string(branch), "protection": protection.json])
        case .deleteLabel(let name): .object(["name": .string(name)])
        }
    }
}
