enum GitHubDecoder {
    static let maxLabelNameLength = 50
    static let maxLabelDescriptionLength = 100

    static func decode(_ value: ConfigValue) -> GitHubConfig? {
        value.mapping { github in
            let labelsValue = github[GitHubConfig.labelsKey]
            var labelNames = LabelNames(list: labelsValue)
            let labels = labelsValue?.list { label($0, names: &labelNames) } ?? []
            var branches = DuplicateTracker<String>()
            let protections = github["branchProtection"]?.list { branchProtection($0, branches: &branches) }
            let prune = github["prune"]?.list { entry -> GitHubConfig.PrunableCollection? in
                entry.formatted { text in
                    GitHubConfig.PrunableCollection(rawValue: text) == nil
                        ? FormatProblem("names '\(text)', which opsctl cannot prune in github",
                                        hint: "github can prune: \(GitHubConfig.PrunableCollection.allCases.map(\.rawValue).joined(separator: ", "))")
                        : nil
                }.flatMap(GitHubConfig.PrunableCollection.init(rawValue:))
            }
            return GitHubConfig(
                labels: labels, labelIndex: labelNames.index(of: labels),
                branchProtection: protections ?? [], prune: Set(prune ?? [])
            )
        }
    }

    /// The declared labels' index, built from each name's list position as the names are
    /// checked for repeats: a repeat is reported naming both places, the first found again
    /// from its position. Positions rather than the names' values are kept: 10,000 values of
    /// four references each cost a table's page faults and their releases (docs/performance.md).
    private struct LabelNames {
        private var index: GitHubLabelIndex
        private let list: ConfigValue?

        init(list: ConfigValue?) {
            index = GitHubLabelIndex(expecting: list?.itemCount ?? 0)
            self.list = list
        }

        mutating func check(_ name: String, at nameValue: ConfigValue, entry: ConfigValue) {
            guard let position = entry.listPosition, let first = index.record(name, at: position) else { return }
            let firstName = list?.item(first)?.peek("name") ?? nameValue
            // GitHub treats `Bug` and `bug` as the same label.
            nameValue.reportRepeat(of: firstName, what: "the label '\(name)'",
                                   hint: "GitHub label names ignore case; remove or rename one of them")
        }

        /// The index of `labels`, the entries the list kept. Its positions are the list's:
        /// they are the labels' own when no entry was left out (one with an error, a repeat
        /// among them); otherwise the index is built from the labels again.
        func index(of labels: [GitHubLabel]) -> GitHubLabelIndex {
            labels.count == list?.itemCount ?? 0 ? index : GitHubLabelIndex(labels)
        }
    }

    private static func label(_ entry: ConfigValue, names: inout LabelNames) -> GitHubLabel? {
        entry.mapping { label in
            let nameValue = label.required("name")
            let name = nameValue?.formatted { text in
                // A string has no more characters than UTF-8 bytes; counting characters is slow.
                text.utf8.count > maxLabelNameLength && text.count > maxLabelNameLength
                    ? FormatProblem("is \(text.count) characters long; GitHub allows at most \(maxLabelNameLength)",
                                    hint: "shorten it to \(maxLabelNameLength) characters") : nil
            }
            if let name, let nameValue { names.check(name, at: nameValue, entry: entry) }
            let color = labelColor(label)
            let description = label["description"]?.formatted { text in
                text.utf8.count > maxLabelDescriptionLength && text.count > maxLabelDescriptionLength
                    ? FormatProblem("is \(text.count) characters long; GitHub allows at most \(maxLabelDescriptionLength)",
                                    hint: "shorten it to \(maxLabelDescriptionLength) characters") : nil
            }
            guard let name else { return nil }
            return GitHubLabel(name: name, color: color, description: description, location: label.location)
        }
    }

    private static func labelColor(_ label: MappingReader) -> String? {
        if let color = label["color"] { return color.formatted(NameFormat.labelColor) }
        // Absent, or there with no value: only then is the key itself needed, for the message.
        guard let pair = label.raw("color") else { return nil }
        if pair.value.isNull {
            // `color: #d73a4a` reads as an empty value, since '#' starts a YAML comment.
            if pair.key.restOfLineContainsComment {
                pair.key.report.error(
                    "\(pair.key.path) has no value: the '#' after it starts a YAML comment",
                    at: pair.key.mark,
                    hint: "write the colour without '#', as in color: d73a4a"
                )
            }
            return nil
        }
        return pair.value.formatted(NameFormat.labelColor)
    }

    private static func branchProtection(_ entry: ConfigValue, branches: inout DuplicateTracker<String>) -> BranchProtection? {
        entry.mapping { rule in
            let branchValue = rule.required("branch", hint: "add 'branch: main'")
            let branch = branchValue?.formatted { text in
                text.contains(where: \.isWhitespace) ? FormatProblem("must be a branch name without spaces, found '\(text)'", hint: "write the branch name, as in main") : nil
            }
            if let branch, let branchValue {
                branches.check(branch, at: branchValue, what: "protection for the branch '\(branch)'",
                               hint: "merge the two rules into one")
            }
            let requiredReviews = rule["requiredReviews"]?.int(in: 0...6)
            let checks = rule["requiredStatusChecks"]?.stringList()
            let dismissStale = rule["dismissStaleReviews"]?.bool() ?? false
            let codeOwners = rule["requireCodeOwnerReviews"]?.bool() ?? false
            if rule["requiredReviews"] == nil {
                for key in ["dismissStaleReviews", "requireCodeOwnerReviews"] {
                    guard let value = rule[key], value.resolved == .bool(true) else { continue }
                    value.warning("\(value.path) has no effect without requiredReviews",
                                  hint: "add 'requiredReviews: 1' so pull requests need reviews")
                }
            }
            let protection = BranchProtection(
                branch: branch ?? "",
                requiredReviews: requiredReviews,
                requiredStatusChecks: checks ?? [],
                enforceAdmins: rule["enforceAdmins"]?.bool() ?? false,
                allowForcePushes: rule["allowForcePushes"]?.bool() ?? false,
                allowDeletions: rule["allowDeletions"]?.bool() ?? false,
                dismissStaleReviews: dismissStale,
                requireCodeOwnerReviews: codeOwners,
                requiredLinearHistory: rule["requiredLinearHistory"]?.bool() ?? false,
                location: rule.location
            )
            return branch == nil ? nil : protection
        }
    }
}

extension ConfigValue {
    /// Whether a '#' follows this node on its line: the sign that a comment swallowed a value.
    var restOfLineContainsComment: Bool {
        guard let line = report.source.line(mark.line) else { return false }
        return line.dropFirst(max(0, mark.column - 1)).contains("#")
    }
}
