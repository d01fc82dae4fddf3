/// What a probe recorded and why it stopped.
public struct ProbeOutcome: Sendable, Hashable, Codable {
    /// The URL polled (never the key).
    public var url: String
    public var timeline: ProbeTimeline
    /// Why the probe ended: its plan done, an early stop on a clear answer, the budget.
    public var stopReason: String
    /// True when it stopped at once on something unexpected (a status other than 2xx,
    /// 429 and 503, no response, signs of a lockout): the timeline is then incomplete.
    public var aborted: Bool
    /// The Unix time (seconds) of the probe's start.
    public var startedAt: Double

    public init(url: String = "", timeline: ProbeTimeline, stopReason: String, aborted: Bool, startedAt: Double) {
        self.url = url
        self.timeline = timeline
        self.stopReason = stopReason
        self.aborted = aborted
        self.startedAt = startedAt
    }
}
