/// What the executions of one API key share on the client side, on top of their strategy:
/// a send gate (a client-side rate limit, fixed or learned), a retry budget, and pacing by
/// the server's rate-limit headers. Empty for the classic strategies, whose executions
/// share nothing (and whose engines then keep no per-key state at all).
public struct KeyClientPolicy: Sendable, Hashable {
    /// A client-side token bucket every send of the key waits for; nil: none.
    public var gate: SendRateControl?
    /// A retry budget: a poll right after a rejection spends from it; nil: none.
    public var budget: RetryBudgetPolicy?
    /// Spread the quota the headers report over the key's executions (`headerPaced`).
    public var headerPacing: Bool

    public init(gate: SendRateControl? = nil, budget: RetryBudgetPolicy? = nil, headerPacing: Bool = false) {
        self.gate = gate
        self.budget = budget
        self.headerPacing = headerPacing
    }

    public static let none = KeyClientPolicy()

    /// True when the key's executions share nothing.
    @inlinable public var isEmpty: Bool { gate == nil && budget == nil && !headerPacing }

    /// One line for reports, e.g. "per key: AIMD send rate; retry budget 100 (+0.1/success, 1/retry)".
    public var summary: String {
        var parts: [String] = []
        if let gate { parts.append(gate.summary) }
        if let budget { parts.append(budget.summary) }
        if headerPacing { parts.append("paced by the rate-limit headers") }
        return parts.joined(separator: "; ")
    }
}
