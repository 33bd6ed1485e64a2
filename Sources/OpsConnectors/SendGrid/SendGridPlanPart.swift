import OpsCore

/// The checks of one listing and its coverage, in a named struct rather than a tuple.
struct SendGridPlanPart: Sendable {
    var checks: [Check]
    var coverage: Coverage?
}
