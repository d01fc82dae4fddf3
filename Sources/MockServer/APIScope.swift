/// The permissions an API key can hold.
public enum APIScope: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read executions (`GET /v1/executions/{id}`).
    case executionsRead = "executions:read"
    /// Create and cancel executions.
    case executionsWrite = "executions:write"
}
