/// Where the executions of a live run against a real API come from: a real API has no
/// way to be told "this job runs 20 s and fails", so the run polls executions that
/// exist or that it creates.
public enum ExecutionSource: Sendable, Hashable {
    /// Existing execution ids (one per line in `file`), polled in order; execution i of
    /// the workload polls `ids[i % ids.count]`, starting at its arrival time.
    case ids([String], file: String)
    /// A path such as `/v1/flows/flow_1/executions`, POSTed (with `body`) at each
    /// execution's arrival; the `id` of the response is then polled.
    case create(path: String, body: String)
}

/// Settings that only live runs use.
public struct LiveSettings: Sendable, Hashable {
    /// Required for a real target; unused against the embedded mock (which is told each
    /// execution's plan directly).
    public var executions: ExecutionSource?
    /// Client-side ceiling on requests per second; default none on loopback targets and
    /// 50/s elsewhere.
    public var maxRequestRate: Rate?

    public init(executions: ExecutionSource? = nil, maxRequestRate: Rate? = nil) {
        self.executions = executions
        self.maxRequestRate = maxRequestRate
    }
}
