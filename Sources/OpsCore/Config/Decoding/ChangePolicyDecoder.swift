import Foundation

/// Turns the YAML of `change-policy.yaml` into a `ChangePolicy`, reporting every problem.
enum ChangePolicyDecoder {
    static func decode(_ root: YAMLNode?, report: ConfigReport) -> ChangePolicy? {
        guard let root, !root.isNull else { return ChangePolicy() }
        let value = ConfigValue(node: root, path: .root, report: report)
        return value.fileRoot(kind: "a change policy", supportedVersion: ChangePolicy.supportedVersion) { file, version in
            let defaults = ChangePolicy()
            let rolesValue = file["roles"]
            let roles = rolesValue.flatMap(Self.roles) ?? []
            // A role with a bad member is left out of the model, but rules may still name it.
            let declaredRoleNames = rolesValue?.node.mapping?.compactMap { $0.key.scalar?.text } ?? []
            let signersValue = file["allowedSigners"]
            let context = RuleContext(roles: roles, declaredRoleNames: declaredRoleNames, namesAllowedSigners: signersValue != nil)
            let rules = file["approvalRules"].flatMap { approvalRules($0, context: context) } ?? []
            let requireValue = file["requireSignedApprovals"]
            var policy = ChangePolicy(
                version: version,
                roles: roles,
                autoApplyAllowed: file["autoApplyAllowed"].flatMap(autoApplyAllowed) ?? [:],
                approvalRules: rules,
                separationOfDuties: file["separationOfDuties"]?.bool() ?? defaults.separationOfDuties,
                approvalTTLSeconds: file["approvalTTL"].flatMap(duration) ?? defaults.approvalTTLSeconds,
                directDatabaseApply: file["directDatabaseApply"]?.bool() ?? defaults.directDatabaseApply,
                concurrentIndexBuilds: file["concurrentIndexBuilds"]?.bool() ?? defaults.concurrentIndexBuilds,
                ignore: file["ignore"]?.list(ignoreRule) ?? [],
                allowedSignersPath: signersValue?.nonEmptyString(),
                requireSignedApprovals: requireValue?.bool() ?? false
            )
            policy.allowedSignersLocation = signersValue?.location
            checkSigning(policy, requireValue: requireValue, roles: rolesValue)
            return policy
        }
    }

    /// `{ match, reason, owner, expires }`: an exception nobody can explain or own is refused.
    private static func ignoreRule(_ value: ConfigValue) -> IgnoreRule? {
        value.mapping { rule in
            let match = rule.required("match", hint: "name the IDs to ignore, as in github.label.*.wontfix")?.formatted(ignorePattern)
            let reason = rule.required("reason", hint: "say why this drift is acceptable")?.nonEmptyString()
            let owner = rule.required("owner", hint: "name who answers for this exception, as in alice@example.com")?.formatted(identity)
            var expires: Date?
            if let date = rule["expires"] {
                expires = date.formatted { text in
                    midnight(text) == nil
                        ? FormatProblem("must be a date such as 2027-01-31, found '\(text)'", hint: "write the first day the rule no longer applies")
                        : nil
                }.flatMap(midnight)
            }
            guard let match, let reason, let owner else { return nil }
            return IgnoreRule(match: match, reason: reason, owner: owner, expires: expires, location: rule.location)
        }
    }

    /// `2027-01-31` as midnight UTC starting that day.
    private static func midnight(_ text: String) -> Date? {
        guard text.utf8.count == 10 else { return nil }
        return ReceiptTimestamp.date(from: text + "T00:00:00Z")
    }

    /// Dot-separated parts of letters, digits, `_`, `-` and `+`, or `*` / `**`.
    private static func ignorePattern(_ text: String) -> FormatProblem? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let valid = parts.count >= 2 && parts.allSatisfy { part in
            part == "*" || part == "**" || (!part.isEmpty && !part.contains("*") && !part.contains(" "))
        }
        guard let scope = parts.first.map(String.init), valid else {
            return FormatProblem("must be a pattern of dot-separated parts such as github.label.*.wontfix, found '\(text)'",
                                 hint: "use * for one part and ** for any number of parts")
        }
        if scope != "*", scope != "**", ServiceScope(rawValue: scope) == nil {
            let names = ServiceScope.allCases.map(\.rawValue)
            return FormatProblem("starts with '\(scope)', which is not a scope", hint: closestMatch(to: scope, in: names).map { "did you mean '\($0)'?" } ?? "scopes are \(names.joined(separator: ", "))")
        }
        return nil
    }

    private static func roles(_ value: ConfigValue) -> [PolicyRole]? {
        value.mapping { roles in
            roles.entries.compactMap { key, members -> PolicyRole? in
                let errorsBefore = value.report.errorCount
                let name = key.formatted { text in
                    let valid = text.unicodeScalars.first.map(NameFormat.isASCIILetter) == true && text.unicodeScalars.allSatisfy {
                        NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || $0 == "_" || $0 == "-"
                    }
                    return valid ? nil : FormatProblem("must be a role name of letters, digits, '_' and '-', found '\(text)'",
                                                       hint: "use a short name such as admin or dba")
                }
                var seen = DuplicateTracker<String>()
                let list = members.list { member -> String? in
                    guard let identity = member.formatted(Self.identity) else { return nil }
                    seen.check(identity.lowercased(), at: member, what: "the member '\(identity)'", hint: "list each member once")
                    return identity
                }
                guard let name, let list, value.report.errorCount == errorsBefore else { return nil }
                return PolicyRole(name: name, members: list, location: key.location)
            }
        }
    }

    /// An actor as opsctl names them: an e-mail address, `github:login`, `slack:MEMBER_ID`, or a login name.
    private static func identity(_ text: String) -> FormatProblem? {
        if text.hasPrefix("ssh:") {
            return SSHPrincipalPattern.isLiteralPrincipal(String(text.dropFirst(4))) ? nil
                : FormatProblem("must name one allowed_signers principal after 'ssh:', found '\(text)'",
                                hint: "write the principal exactly, as in ssh:alice@example.com (no wildcards, spaces or commas)")
        }
        if text.contains("@") {
            return NetworkFormat.isEmailAddress(text) ? nil : FormatProblem("must be a valid e-mail address, found '\(text)'", hint: "write it as name@example.com")
        }
        if text.hasPrefix("github:") {
            return NameFormat.isGitHubLogin(String(text.dropFirst(7))) ? nil
                : FormatProblem("must name a GitHub login after 'github:', found '\(text)'",
                                hint: "GitHub logins are letters, digits and single inner hyphens, as in github:alice")
        }
        if text.hasPrefix("slack:") {
            let id = text.dropFirst(6)
            let valid = id.count >= 9 && ["U", "W"].contains(id.first)
                && id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || NameFormat.isDigit($0) }
            return valid ? nil : FormatProblem("must name a Slack member ID such as U0123ABCD after 'slack:', found '\(text)'",
                                           hint: "copy the member ID from the person's Slack profile")
        }
        if let colon = text.firstIndex(of: ":") {
            return FormatProblem("uses the unknown identity kind '\(text[..<colon])'",
                                 hint: "write an e-mail address, github:LOGIN, slack:MEMBER_ID, ssh:PRINCIPAL or a login name")
        }
        let isLogin = text.unicodeScalars.allSatisfy {
            NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || "._-".unicodeScalars.contains($0)
        }
        return isLogin ? nil : FormatProblem("must be an e-mail address, github:LOGIN, slack:MEMBER_ID or a login name, found '\(text)'",
                                             hint: "name the person as opsctl names actors, as in alice@example.com")
    }

    /// Signed approvals need a file of signers to check them against; without one, a policy
    /// that requires them could never let a change through, and `ssh:` members could never approve.
    private static func checkSigning(_ policy: ChangePolicy, requireValue: ConfigValue?, roles: ConfigValue?) {
        guard policy.allowedSignersPath == nil else { return }
        if policy.requireSignedApprovals, let requireValue {
            requireValue.error("\(requireValue.path) is true, but the policy names no allowedSigners file to check signatures against",
                               hint: "add 'allowedSigners: .opsctl/allowed_signers' (OpenSSH's allowed_signers format)")
        }
        guard let roles, let pairs = roles.node.mapping else { return }
        for role in policy.roles {
            guard let member = role.members.first(where: { $0.hasPrefix("ssh:") }),
                let pair = pairs.first(where: { $0.key.scalar?.text == role.name })
            else { continue }
            roles.report.warning(
                "the role '\(role.name)' lists \(member), but the policy names no allowedSigners file, so that member can never approve",
                at: pair.key.mark, hint: "add 'allowedSigners: .opsctl/allowed_signers'")
        }
    }

    private static func autoApplyAllowed(_ value: ConfigValue) -> [ServiceScope: Bool]? {
        value.mapping { scopes in
            var allowed: [ServiceScope: Bool] = [:]
            for (key, flag) in scopes.entries {
                let scope = key.scope()
                if let scope, let isAllowed = flag.bool() { allowed[scope] = isAllowed }
            }
            return allowed
        }
    }

    /// What checking a rule needs to know about the roles.
    private struct RuleContext {
        var roles: [PolicyRole]
        var declaredRoleNames: [String]
        /// Whether the file has an `allowedSigners:` key.
        var namesAllowedSigners: Bool
    }

    private static func approvalRules(_ value: ConfigValue, context: RuleContext) -> [ApprovalRule]? {
        value.mapping { rules in
            rules.entries.compactMap { key, body -> ApprovalRule? in
                let errorsBefore = value.report.errorCount
                let hazard = key.hazardSelector()
                let pattern = hazard == nil ? key.changeKindPattern() : ChangeKindPattern("*")
                let rule = body.mapping { approvalRule($0, pattern: pattern, context: context) }.map { rule -> ApprovalRule in
                    var rule = rule
                    rule.hazard = hazard ?? nil
                    return rule
                }
                guard value.report.errorCount == errorsBefore else { return nil }
                return rule
            }
        }
    }

    private static func approvalRule(_ rule: MappingReader, pattern: ChangeKindPattern?, context: RuleContext) -> ApprovalRule? {
        let requiresApproval = rule["requiresApproval"]?.bool()
        let approversValue = rule["approvers"]
        let roleNames = context.declaredRoleNames
        let approvers = approversValue?.list { entry -> String? in
            guard let name = entry.nonEmptyString() else { return nil }
            guard roleNames.contains(name) else {
                let hint = closestMatch(to: name, in: roleNames).map { "did you mean '\($0)'?" }
                    ?? (roleNames.isEmpty ? "define it under roles:" : "define it under roles:, or use one of: \(roleNames.joined(separator: ", "))")
                entry.error("\(entry.path) names the role '\(name)', which roles: does not define", hint: hint)
                return nil
            }
            return name
        } ?? []
        let minValue = rule["minApprovals"]
        let minApprovals = minValue?.int(in: 1...Int.max)
        let method = rule["method"]?.oneOf(ApprovalRule.Method.self)
        let risk = rule["risk"]?.oneOf(Risk.self)
        let requireSigned = rule["requireSignedApprovals"]
        if let requireSigned, requireSigned.bool() == true, !context.namesAllowedSigners {
            requireSigned.error("\(requireSigned.path) requires signed approvals, but the policy names no allowedSigners file to check them against",
                                hint: "add 'allowedSigners: .opsctl/allowed_signers' at the top level")
        }

        if requiresApproval == true, approversValue == nil || approversValue?.isEmptyList == true {
            (approversValue ?? rule.value).error(
                "\(rule.path) requires approval but names no approvers, so no change it matches could ever be applied",
                hint: "add 'approvers: [ROLE]' with a role from roles:"
            )
        }
        let validRoles = approvers.compactMap { name in context.roles.first { $0.name == name } }
        if let minApprovals, let minValue, validRoles.count == approversValue?.node.sequence?.count {
            let distinct = Set(validRoles.flatMap { $0.members.map { $0.lowercased() } })
            if minApprovals > distinct.count {
                minValue.error(
                    "\(minValue.path) is \(minApprovals), but the roles \(approvers.joined(separator: ", ")) have only \(distinct.count) distinct member\(distinct.count == 1 ? "" : "s")",
                    hint: "lower minApprovals, or add members to those roles"
                )
            }
        }
        if requiresApproval == false, let pattern, pattern.isDestructive, let flag = rule["requiresApproval"] {
            flag.warning("\(flag.path) is false, but destructive changes always need approval",
                         hint: "remove it; delete and drop changes are never applied without approval")
        }
        guard let pattern else { return nil }
        return ApprovalRule(
            pattern: pattern,
            requiresApproval: requiresApproval,
            approvers: approvers,
            minApprovals: minApprovals ?? 1,
            method: method ?? .cli,
            risk: risk,
            requireSignedApprovals: requireSigned?.bool(),
            location: rule.location
        )
    }

    private static func duration(_ value: ConfigValue) -> Int? {
        let shape = "a duration such as 24h, 90m, 7d or 30s"
        if case .int(let number)? = value.resolved {
            value.typeMismatch(expected: shape, hint: "add a unit, as in \(number)s")
            return nil
        }
        guard let text = value.string() else { return nil }
        guard let seconds = PolicyDuration.seconds(in: text) else {
            value.error("\(value.path) must be \(shape), found '\(text)'", hint: "use a number with s, m, h, d or w, as in 24h")
            return nil
        }
        guard seconds > 0 else {
            value.error("\(value.path) must be longer than zero", hint: "use a duration such as 24h")
            return nil
        }
        return seconds
    }
}

extension ConfigValue {
    /// A key naming a scope, with a suggestion for a near miss.
    func scope() -> ServiceScope? {
        guard let text = nonEmptyString() else { return nil }
        if let scope = ServiceScope(rawValue: text) { return scope }
        let names = ServiceScope.allCases.map(\.rawValue)
        error("unknown scope '\(text)' in \(path.parent)",
              hint: closestMatch(to: text, in: names).map { "did you mean '\($0)'?" } ?? "scopes are \(names.joined(separator: ", "))")
        return nil
    }

    /// A `hazard:NAME` rule key: nil when the key is not one, `.some(nil)` when it names no
    /// known hazard (reported).
    func hazardSelector() -> ChangeHazard?? {
        guard let text = nonEmptyString(), text.hasPrefix("hazard:") else { return nil }
        let name = String(text.dropFirst("hazard:".count))
        if let hazard = ChangeHazard(rawValue: name) { return .some(hazard) }
        let names = ChangeHazard.allCases.map(\.rawValue)
        error("the rule 'hazard:\(name)' names an unknown hazard",
              hint: closestMatch(to: name, in: names).map { "did you mean 'hazard:\($0)'?" } ?? "hazards are \(names.joined(separator: ", "))")
        return .some(nil)
    }

    /// A rule key: a well-formed change-kind pattern whose scope exists.
    func changeKindPattern() -> ChangeKindPattern? {
        guard let text = nonEmptyString() else { return nil }
        switch ChangeKindPattern.parse(text) {
        case .failure(let problem):
            error("the rule pattern '\(text)' \(problem.reason)", hint: problem.hint)
            return nil
        case .success(let pattern):
            if let scope = pattern.scope, ServiceScope(rawValue: scope) == nil {
                let names = ServiceScope.allCases.map(\.rawValue)
                error("the rule pattern '\(text)' names the unknown scope '\(scope)'",
                      hint: closestMatch(to: scope, in: names).map { "did you mean '\($0)'?" } ?? "scopes are \(names.joined(separator: ", "))")
                return nil
            }
            return pattern
        }
    }
}

extension ChangeKindPattern {
    /// Whether the pattern names a delete or drop exactly, which policy can never exempt from approval.
    var isDestructive: Bool {
        isExact && ["delete", "drop"].contains(parts[2])
    }
}
