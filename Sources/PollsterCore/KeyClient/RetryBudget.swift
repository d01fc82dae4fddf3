/// A key's retry budget in use (see ``RetryBudgetPolicy``).
public struct RetryBudget: Sendable {
    public let policy: RetryBudgetPolicy
    public private(set) var balance: Double

    public init(_ policy: RetryBudgetPolicy) {
        self.policy = policy
        self.balance = policy.capacity
    }

    /// Takes the cost of one retry; false (and nothing taken) when the balance is short.
    public mutating func spend() -> Bool {
        guard balance >= policy.cost else { return false }
        balance -= policy.cost
        return true
    }

    /// A successful poll's deposit.
    public mutating func deposit() {
        balance = Swift.min(policy.capacity, balance + policy.deposit)
    }
}
