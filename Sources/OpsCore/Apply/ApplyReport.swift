/// What `apply` did with each change of the plan.
package struct ApplyReport: Sendable, Equatable {
    package enum Outcome: Sendable, Equatable {
        case applied(detail: String)
        /// The remote object already looked like the change's result; nothing was sent.
        case alreadyApplied(detail: String)
        /// Delivered for someone else to carry out; `location` is where it waits.
        case proposed(location: String, detail: String)
        case awaitingApproval(ApprovalState, reason: String)
        case rejected(by: String, reason: String)
        /// The remote object moved since the plan; the change was refused.
        case stale(observed: String, now: String, detail: String)
        case failed(Diagnostic)
    }

    package struct Entry: Sendable, Equatable {
        package var changeID: ChangeID
        package var outcome: Outcome
    }

    package var planPath: String
    package var entries: [Entry]
    package var receiptsHead: ReceiptHead?
    /// What the reviews of the plan's pull request came to; nil when the plan names none or
    /// no change of it is for GitHub reviewers to approve.
    package var reviews: PullRequestReviewCheck?

    package init(planPath: String, entries: [Entry], receiptsHead: ReceiptHead?, reviews: PullRequestReviewCheck? = nil) {
        self.planPath = planPath
        self.entries = entries
        self.receiptsHead = receiptsHead
        self.reviews = reviews
    }

    package var failed: Int {
        entries.filter {
            switch $0.outcome {
            case .failed, .stale: true
            default: false
            }
        }.count
    }

    package var waiting: Int {
        entries.filter {
            switch $0.outcome {
            case .awaitingApproval: true
            default: false
            }
        }.count
    }

    /// Rejections are final: not waiting for anything, and not failures either.
    package var rejected: Int {
        entries.filter {
            if case .rejected = $0.outcome { return true }
            return false
        }.count
    }

    package var proposed: Int {
        entries.filter {
            if case .proposed = $0.outcome { return true }
            return false
        }.count
    }

    package var applied: Int {
        entries.filter {
            switch $0.outcome {
            case .applied, .alreadyApplied: true
            default: false
            }
        }.count
    }
}
