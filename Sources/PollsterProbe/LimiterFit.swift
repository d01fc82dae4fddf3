/// The best hypothesis of one family for a timeline, with how well it fits and how
/// precisely the timeline pins its parameters down.
public struct LimiterFit: Sendable, Hashable, Codable {
    public var hypothesis: LimiterHypothesis
    /// Statuses the hypothesis decides otherwise than the server did.
    public var mismatches: Int
    /// The weighted disagreement (statuses, then `remaining` headers) that ranks fits.
    public var score: Int
    /// Requests replayed.
    public var decisions: Int
    /// The lowest and highest rate (bucket) or window (window families) that fit as well.
    public var low: Double?
    public var high: Double?
    /// Whether fits as good exist both counting and not counting rejected requests.
    public var countsRejectedUndetermined: Bool

    public init(hypothesis: LimiterHypothesis, mismatches: Int, score: Int, decisions: Int, low: Double? = nil, high: Double? = nil,
                countsRejectedUndetermined: Bool = false) {
        self.hypothesis = hypothesis
        self.mismatches = mismatches
        self.score = score
        self.decisions = decisions
        self.low = low
        self.high = high
        self.countsRejectedUndetermined = countsRejectedUndetermined
    }

    /// The relative width of the range of rates or windows that fit as well, 0 when exact.
    public var spread: Double {
        guard let low, let high, low > 0 else { return 0 }
        return (high - low) / ((high + low) / 2)
    }
}
