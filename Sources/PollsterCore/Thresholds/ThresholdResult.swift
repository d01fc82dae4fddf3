/// A threshold evaluated on a run's final figures: each strategy it applies to, its value
/// and whether the threshold holds; results.json keeps these under `thresholds`.
public struct ThresholdResult: Sendable, Hashable, Codable {
    public var threshold: Threshold
    /// One per strategy the scope covers, in run order.
    public var checks: [ThresholdCheck]
    /// True when the run fails this threshold: any strategy over it (`any:`), every one
    /// (`all:`), or the named one.
    public var breached: Bool

    public init(threshold: Threshold, checks: [ThresholdCheck]) {
        self.threshold = threshold
        self.checks = checks
        switch threshold.scope {
        case .any, .strategy: breached = checks.contains(where: \.exceeds)
        case .all: breached = !checks.isEmpty && checks.allSatisfy(\.exceeds)
        }
    }

    /// The checks that make the threshold breached (none when it holds: under `all:`, a
    /// strategy over the limit fails nothing while another one is within it).
    public var failures: [ThresholdCheck] { breached ? checks.filter(\.exceeds) : [] }
}

/// One strategy's figure against a threshold.
public struct ThresholdCheck: Sendable, Hashable, Codable {
    public var strategy: String
    /// The figure, in the metric's unit; nil when it was not measured (empty in
    /// summary.csv, such as lag when nothing was detected), which counts as over the limit.
    public var actual: Double?
    /// True when `actual OP limit` holds, or nothing was measured.
    public var exceeds: Bool

    public init(strategy: String, actual: Double?, threshold: Threshold) {
        self.strategy = strategy
        self.actual = actual
        exceeds = actual.map { threshold.comparison.holds($0, threshold.limit) } ?? true
    }
}
