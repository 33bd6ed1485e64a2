import OpsCore

/// `PlanFile.decode`, which `apply` trusts once the digests match. A plan that reads back
/// must also write out and read back again to the same plan.
public enum PlanFileFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        guard let plan = try? PlanFile.decode(bytes, path: "fuzz-plan.json") else { return }
        let written = Array(PlanFile.encode(plan).utf8)
        let reread: Plan
        do {
            reread = try PlanFile.decode(written, path: "rewritten-plan.json")
        } catch {
            fatalError("a plan that was read back does not read back after writing it again: \(error)")
        }
        guard PlanFile.encode(reread) == PlanFile.encode(plan) else {
            fatalError("a plan read back, written and read again differs from the first reading")
        }
    }
}
