/// One execution as one strategy's client saw it: a row of executions.csv. Engines fill
/// ``RunResult/executions`` with these when asked to keep per-execution detail.
/// Times are nanoseconds of scenario time since the run started.
public struct ExecutionRecord: Sendable, Codable, Equatable {
    /// How the client's polling loop for an execution ended.
    public enum ClientEnd: String, Sendable, Codable, CaseIterable {
        /// A 200 with the terminal status was received.
        case detected
        /// The client gave up (`client.timeout`).
        case abandoned
        /// A 401, 403 or 404 ended the loop.
        case errored
        /// The run stopped (interrupted) before the loop ended.
        case unfinished
    }

    /// The strategy whose client polled this execution.
    public var strategy: String
    /// The execution's index in creation order (the same execution under every strategy).
    public var index: Int
    /// c_e: when the execution was created.
    public var created: Nanoseconds
    /// f_e: when it became terminal.
    public var finished: Nanoseconds
    /// r_detect: when the client received the terminal status; nil when it never did.
    public var detected: Nanoseconds?
    /// Requests the client sent for it.
    public var polls: Int
    /// Of those, answered 429.
    public var responses429: Int
    /// The execution's terminal status.
    public var outcome: Outcome
    /// How the client's loop ended.
    public var end: ClientEnd

    /// A record; see the properties for the meaning of each value.
    public init(
        strategy: String, index: Int, created: Nanoseconds, finished: Nanoseconds, detected: Nanoseconds?,
        polls: Int, responses429: Int, outcome: Outcome, end: ClientEnd
    ) {
        self.strategy = strategy
        self.index = index
        self.created = created
        self.finished = finished
        self.detected = detected
        self.polls = polls
        self.responses429 = responses429
        self.outcome = outcome
        self.end = end
    }
}
