/// A threshold expression that cannot be used: the expression as given and what is wrong,
/// in one line (`"rate429>0.01": unknown metric "rate429" (did you mean "rate_429"?); ...`).
public struct ThresholdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public var expression: String
    /// What is wrong with it and, where it helps, what is allowed.
    public var reason: String

    public init(expression: String, reason: String) {
        self.expression = expression
        self.reason = reason
    }

    public var description: String { DurationParser.quoted(expression, whole: true) + ": " + reason }
}
