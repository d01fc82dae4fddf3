/// The executions a scenario submits: how many, when, how long each runs, how it ends, and
/// under which API key.
public struct Workload: Sendable, Hashable {
    /// The most executions a workload may have: the simulator numbers them in 35 bits.
    public static let maxExecutions = 1 << 35

    /// Number of executions (per strategy: each strategy sees the same executions).
    public var executions: Int
    public var arrival: ArrivalProcess
    /// Run time of an execution, from `running` to its terminal status.
    public var duration: Distribution
    /// Time spent `pending` before `running`; none by default.
    public var queueTime: Distribution?
    public var outcomes: OutcomeMix
    /// Executions are spread over this many API keys, round-robin by index.
    public var apiKeys: Int
    /// How running executions report progress; linear by default.
    public var progress: ProgressModel

    public init(
        executions: Int,
        arrival: ArrivalProcess,
        duration: Distribution,
        queueTime: Distribution? = nil,
        outcomes: OutcomeMix = OutcomeMix(),
        apiKeys: Int = 1,
        progress: ProgressModel = .linear
    ) {
        self.progress = progress
        self.executions = executions
        self.arrival = arrival
        self.duration = duration
        self.queueTime = queueTime
        self.outcomes = outcomes
        self.apiKeys = apiKeys
    }
}
