import PollsterCore

/// The client-side state of one execution in its polling loop.
struct ActiveExecution: Sendable {
    var plan: ExecutionPlan
    /// Its place in the client loop (strategy state, random draws, polls sent).
    var loop: ClientLoopState
    var latencyRNG: Xoshiro256StarStar
    /// Draws of `server.faults` for its requests (unused when no fault is drawn).
    var faultRNG: Xoshiro256StarStar
    /// The API does not know it (`notFound` fault): every poll gets a 404.
    var unknown: Bool
    /// A request counted by a concurrency limiter has not been answered yet.
    var requestInFlight: Bool
    /// Polls rejected so far (for executions.csv).
    var rejections: Int32 = 0
    /// The polling loop has ended (the slot is recycled once no request is in flight).
    var finished: Bool
    /// Its client group (a population's member; 0 in a plain run).
    var member: UInt8 = 0
    /// Keys sharing client state: the due poll was admitted and waits for the send gate.
    var gated = false
}

/// A reply on its way to a client whose key shares state.
struct PendingReply: Sendable {
    var reply: PollReply
    var quota: QuotaReading?
    var sentAt: Nanoseconds
}
