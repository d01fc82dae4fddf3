import PollsterCore

/// The JSON body of an execution, as `GET /v1/executions/{executionId}` returns it.
///
/// Field names and presence follow the API documentation: `progress` only while running,
/// `completedAt` once terminal, `output` when completed, `error` when failed, `artifacts`
/// and `metrics` only when asked for with `?include=`. Times are ISO 8601 strings.
public struct ExecutionResource: Codable, Sendable, Hashable {
    /// `progress` while running.
    public struct Progress: Codable, Sendable, Hashable {
        /// The step being run.
        public var step: String
        /// Elapsed fraction of the run time, 0-100.
        public var percentage: Double

        /// Progress at `percentage` in `step`.
        public init(step: String, percentage: Double) {
            self.step = step
            self.percentage = percentage
        }
    }

    /// `error` of a failed execution.
    public struct Failure: Codable, Sendable, Hashable {
        public var code: String
        public var message: String
        /// The step that failed.
        public var step: String

        /// A failure of `step`.
        public init(code: String, message: String, step: String) {
            self.code = code
            self.message = message
            self.step = step
        }
    }

    /// `metrics` (with `?include=metrics`).
    public struct Metrics: Codable, Sendable, Hashable {
        /// Time spent pending, in milliseconds of scenario time.
        public var queueMs: Double
        /// Time spent running so far (the whole run once terminal), in milliseconds.
        public var runMs: Double
        /// Steps finished.
        public var stepsCompleted: Int
        /// Steps of the flow.
        public var stepsTotal: Int

        /// Metrics with these values.
        public init(queueMs: Double, runMs: Double, stepsCompleted: Int, stepsTotal: Int) {
            self.queueMs = queueMs
            self.runMs = runMs
            self.stepsCompleted = stepsCompleted
            self.stepsTotal = stepsTotal
        }
    }

    /// One step's artifact (with `?include=artifacts`).
    public struct Artifact: Codable, Sendable, Hashable {
        public var uri: String
        public var sizeBytes: Int

        /// An artifact at `uri` of `sizeBytes`.
        public init(uri: String, sizeBytes: Int) {
            self.uri = uri
            self.sizeBytes = sizeBytes
        }
    }

    public var id: String
    public var flowId: String
    public var version: String
    public var status: ExecutionStatus
    public var progress: Progress?
    public var createdAt: String
    public var completedAt: String?
    public var output: [String: JSONValue]?
    public var error: Failure?
    public var metrics: Metrics?
    /// Artifacts by step name.
    public var artifacts: [String: Artifact]?
    public var metadata: [String: JSONValue]

    /// A resource with these fields.
    public init(
        id: String, flowId: String, version: String, status: ExecutionStatus, progress: Progress? = nil,
        createdAt: String, completedAt: String? = nil, output: [String: JSONValue]? = nil, error: Failure? = nil,
        metrics: Metrics? = nil, artifacts: [String: Artifact]? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.flowId = flowId
        self.version = version
        self.status = status
        self.progress = progress
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.output = output
        self.error = error
        self.metrics = metrics
        self.artifacts = artifacts
        self.metadata = metadata
    }
}
