/// The comparison of a threshold: the run breaches it when `actual OP limit` holds.
public enum ThresholdOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case equal = "=="
    case notEqual = "!="

    /// True when `actual OP limit`: the threshold is breached.
    public func holds(_ actual: Double, _ limit: Double) -> Bool {
        switch self {
        case .greater: return actual > limit
        case .greaterOrEqual: return actual >= limit
        case .less: return actual < limit
        case .lessOrEqual: return actual <= limit
        case .equal: return actual == limit
        case .notEqual: return actual != limit
        }
    }

    /// The operators as a user types them, for messages.
    public static let spelled = allCases.map(\.rawValue).joined(separator: ", ")
}
