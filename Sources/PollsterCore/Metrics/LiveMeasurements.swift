/// What only a live run measures about itself: how well pollster kept to the schedule the
/// strategy asked for, and how long requests waited in pollster's own client and embedded
/// server. A run whose client or server queued measures pollster, not the API; these
/// figures say when that happened (``Saturation``).
///
/// Histograms are in microseconds of **wall** time (the others of ``StrategyMetrics`` are in
/// scenario time), except ``pollDelay``.
public struct LiveMeasurements: Sendable, Codable, Equatable {
    /// Per request: when it was handed to a connection, minus when the strategy meant to
    /// send it (after any client-side rate ceiling).
    public var sendLateness = MetricHistogram()
    /// Per request: time spent waiting for a connection (in the transport's queue while all
    /// were busy, plus setting up a new one).
    public var connectionWait = MetricHistogram()
    /// Per request the embedded server answered: how much later than the model (the
    /// client's dispatch plus the modelled latency) the response left the server. Empty
    /// against a real API.
    public var serverQueue = MetricHistogram()
    /// The delays the strategy asked for between a response and the next poll, in
    /// microseconds of scenario time (what "late" is measured against).
    public var pollDelay = MetricHistogram()
    /// Scenario seconds per wall second during the run.
    public var timeScale: Double
    /// The verdict on these figures, set at the end of the run.
    public var saturation: Saturation?

    public init(timeScale: Double) {
        self.timeScale = timeScale
    }

    /// Empty measurements whose histograms are allocated in full (see ``MetricHistogram/presized(upTo:)``).
    public static func presized(timeScale: Double) -> LiveMeasurements {
        var measurements = LiveMeasurements(timeScale: timeScale)
        measurements.sendLateness = .presized()
        measurements.connectionWait = .presized()
        measurements.serverQueue = .presized()
        measurements.pollDelay = .presized()
        return measurements
    }

    /// Adds another run's measurements of the same strategy (same time scale).
    public mutating func add(_ other: LiveMeasurements) {
        sendLateness.add(other.sendLateness)
        connectionWait.add(other.connectionWait)
        serverQueue.add(other.serverQueue)
        pollDelay.add(other.pollDelay)
    }

    /// The canonical form (see ``MetricHistogram/canonical``).
    public var canonical: LiveMeasurements {
        var copy = self
        copy.sendLateness = sendLateness.canonical
        copy.connectionWait = connectionWait.canonical
        copy.serverQueue = serverQueue.canonical
        copy.pollDelay = pollDelay.canonical
        return copy
    }
}
