/// A retry budget per API key: a token bucket that successes fill and retries drain.
///
/// A poll sent right after a rejection is a retry and costs `cost`; each successful poll
/// (a 2xx) deposits `deposit`, up to `capacity`, which is also the starting balance. When a
/// retry finds less than `cost`, it is not sent: the execution skips that turn (no request)
/// and polls again after the strategy's next delay, as a fresh attempt that costs nothing
/// (as an SDK call fails when the quota refuses its retry, and the next call starts anew).
public struct RetryBudgetPolicy: Sendable, Hashable {
    public var capacity: Double
    public var deposit: Double
    public var cost: Double

    /// 100 retries' worth, +0.1 per success, 1 per retry: the AWS SDKs' retry quota (500,
    /// +1 per success, 5 per retry) in units of one retry would deposit 0.2; 0.1 is the
    /// ratio gRPC's retry throttling documents (`tokenRatio: 0.1`).
    public init(capacity: Double = 100, deposit: Double = 0.1, cost: Double = 1) {
        self.capacity = capacity
        self.deposit = deposit
        self.cost = cost
    }

    public var summary: String {
        "retry budget \(Time.trimmed(capacity)) per key (+\(Time.trimmed(deposit)) per success, \(Time.trimmed(cost)) per retry)"
    }
}
