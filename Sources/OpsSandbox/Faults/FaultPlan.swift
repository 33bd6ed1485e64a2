/// Random faults to inject, parsed from `--faults` ("429:0.1,500:0.05,reset:0.01"): each item
/// is a kind and the probability that a request gets it. One draw per request picks at most one
/// fault, so the probabilities add up and must not exceed 1.
package struct FaultPlan: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// Answer with this status in the emulator's own error style.
        case status(Int)
        /// Abort the connection with a TCP RST.
        case reset

        package var description: String {
            switch self {
            case .status(let code): String(code)
            case .reset: "reset"
            }
        }
    }

    package struct Rule: Sendable, Hashable {
        package var kind: Kind
        package var probability: Double

        package init(kind: Kind, probability: Double) {
            self.kind = kind
            self.probability = probability
        }
    }

    package var rules: [Rule]

    package static let none = FaultPlan(rules: [])

    package init(rules: [Rule]) {
        self.rules = rules
    }

    package init(parsing spec: String) throws(FaultPlanError) {
        let trimmed = spec.trimmingOWS
        guard !trimmed.isEmpty else {
            self = .none
            return
        }
        var rules: [Rule] = []
        for (index, rawItem) in trimmed.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let item = rawItem.trimmingOWS
            guard !item.isEmpty else { throw FaultPlanError(spec: spec, item: item, reason: .emptyItem(position: index + 1)) }
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingOWS }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw FaultPlanError(spec: spec, item: item, reason: .missingProbability)
            }
            let kind = try Self.kind(parts[0], spec: spec, item: item)
            let probability = try Self.probability(parts[1], spec: spec, item: item)
            if rules.contains(where: { $0.kind == kind }) {
                throw FaultPlanError(spec: spec, item: item, reason: .duplicateKind(kind.description))
            }
            rules.append(Rule(kind: kind, probability: probability))
        }
        let total = rules.reduce(0) { $0 + $1.probability }
        // A small tolerance so "0.7,0.2,0.1" written in decimal is not rejected for rounding.
        if total > 1 + 1e-9 {
            throw FaultPlanError(spec: spec, item: trimmed, reason: .totalExceedsOne(total))
        }
        self.rules = rules
    }

    /// The fault for a uniform draw in [0, 1): walks the rules' cumulative probabilities.
    package func fault(forDraw draw: Double) -> Kind? {
        var cumulative = 0.0
        for rule in rules {
            cumulative += rule.probability
            if draw < cumulative { return rule.kind }
        }
        return nil
    }

    package var isEmpty: Bool { rules.isEmpty }

    package var description: String {
        rules.map { "\($0.kind):\($0.probability)" }.joined(separator: ",")
    }

    private static func kind(_ text: String, spec: String, item: String) throws(FaultPlanError) -> Kind {
        if text.lowercased() == "reset" { return .reset }
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let code = Int(text) else {
            throw FaultPlanError(spec: spec, item: item, reason: .unknownKind(text))
        }
        guard (400...599).contains(code) else {
            throw FaultPlanError(spec: spec, item: item, reason: .statusOutOfRange(code))
        }
        return .status(code)
    }

    private static func probability(_ text: String, spec: String, item: String) throws(FaultPlanError) -> Double {
        var digits = text
        var scale = 1.0
        if digits.hasSuffix("%") {
            digits.removeLast()
            scale = 100
        }
        // Only plain decimals: Double("nan"), "inf" and hex floats parse but are not probabilities.
        let allowed = digits.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
        guard allowed, digits.contains(where: \.isNumber), let value = Double(digits) else {
            throw FaultPlanError(spec: spec, item: item, reason: .invalidProbability(text))
        }
        let probability = value / scale
        guard probability <= 1 else {
            throw FaultPlanError(spec: spec, item: item, reason: .probabilityOutOfRange(text))
        }
        return probability
    }
}
