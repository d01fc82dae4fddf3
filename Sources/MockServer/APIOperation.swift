/// What a request to the execution API asks for, once routed.
package enum APIOperation: Sendable {
    /// `GET /v1/executions/{executionId}` with the raw `include` query values.
    case getExecution(id: String, include: [Substring])
    /// `POST /v1/flows/{flowId}/executions` with the request body (nil when empty).
    case createExecution(flowId: String, body: [UInt8]?)
    /// `POST /v1/executions/{executionId}/cancel`.
    case cancelExecution(id: String)

    /// The scope the operation needs.
    var requiredScope: APIScope {
        switch self {
        case .getExecution: return .executionsRead
        case .createExecution, .cancelExecution: return .executionsWrite
        }
    }

    /// The execution the operation is about, if any; its latency stream answers it.
    var executionID: String? {
        switch self {
        case .getExecution(let id, _), .cancelExecution(let id): return id
        case .createExecution: return nil
        }
    }
}
