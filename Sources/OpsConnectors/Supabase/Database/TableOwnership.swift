/// Who a table belongs to besides the user, and how much it holds, as prune sees it.
struct TableOwnership: Sendable, Hashable {
    /// `schema.table` of the partitioned table this one is a partition of: it lives and dies
    /// with its parent, so it is never pruned or reported on its own.
    var partitionOf: String?
    /// The extension whose install script created the table (`pg_depend` type `e`); dropping
    /// it would break the extension, so it is never pruned.
    var ownedByExtension: String?
    /// `pg_class.reltuples`; nil until the table was first analysed.
    var rowEstimate: Int?

    init(partitionOf: String? = nil, ownedByExtension: String? = nil, rowEstimate: Int? = nil) {
        self.partitionOf = partitionOf
        self.ownedByExtension = ownedByExtension
        self.rowEstimate = rowEstimate
    }

    /// In words, for a drop's description.
    var rowEstimateText: String {
        guard let rowEstimate else { return "row count unknown: never analysed" }
        return "about \(rowEstimate) row\(rowEstimate == 1 ? "" : "s") by pg_class.reltuples"
    }
}
