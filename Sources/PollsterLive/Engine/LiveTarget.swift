import PollsterCore

/// Where a live run's polls go and how its executions come into being.
public struct LiveTarget: Sendable {
    /// `http://127.0.0.1:PORT` or `https://api.example.com`, without a trailing slash.
    public var baseURL: String
    /// The API key of each API-key index of the workload (`plan.apiKey`); sent as
    /// `Authorization: Bearer KEY` and never logged or reported.
    public var apiKeys: [String]
    /// Makes execution `plan` exist on the target when it is created and returns its id;
    /// nil when that failed (the execution is then counted as errored).
    public var submit: @Sendable (ExecutionPlan) async -> String?
    /// The instant the target considers an execution finished; nil when the client cannot
    /// know (a real API: the engine then uses `completedAt` if the body has it).
    public var finishedAt: @Sendable (ExecutionPlan) -> Nanoseconds?
    /// Called with an execution's id once its client is done with it (detected, abandoned,
    /// errored or stopped), so an embedded server can forget it; nothing for a real API.
    public var retire: @Sendable (String) -> Void
    /// The Unix time (ns) the target shows scenario time 0 as, when it runs on the
    /// scenario clock (the embedded server): a Retry-After date is then read in scenario
    /// time. nil for a real API, whose dates are read against this machine's clock.
    public var epoch: Int64?

    public init(
        baseURL: String,
        apiKeys: [String],
        submit: @escaping @Sendable (ExecutionPlan) async -> String?,
        finishedAt: @escaping @Sendable (ExecutionPlan) -> Nanoseconds? = { $0.finishedAt },
        retire: @escaping @Sendable (String) -> Void = { _ in },
        epoch: Int64? = nil
    ) {
        self.epoch = epoch
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKeys = apiKeys
        self.submit = submit
        self.finishedAt = finishedAt
        self.retire = retire
    }

    /// The status URL of execution `id`.
    func statusURL(_ id: String) -> String {
        baseURL + "/v1/executions/" + id
    }

    /// The key for `plan`'s API-key index.
    func apiKey(for plan: ExecutionPlan) -> String {
        apiKeys[plan.apiKey % Swift.max(1, apiKeys.count)]
    }
}
