/// Draws the random fault for each request from a seeded generator. The generator is shared
/// by all connections under a lock, so a run of sequential requests with the same seed gets
/// the same faults every time.
final class FaultRoller: Sendable {
    let plan: FaultPlan
    private let generator: Locked<SplitMix64>

    init(plan: FaultPlan, seed: UInt64) {
        self.plan = plan
        generator = Locked(SplitMix64(seed: seed))
    }

    func roll() -> FaultPlan.Kind? {
        if plan.isEmpty { return nil }
        let draw = generator.withLock { $0.nextUnitInterval() }
        return plan.fault(forDraw: draw)
    }
}
