/// Whether a live run measured the API or pollster's own queueing: a strategy's run is
/// saturated when its client could not keep to the strategy's schedule, or when the
/// embedded server queued requests before handling them. Past that point its figures
/// (polls per execution, latency, detection lag) describe this machine, not the API.
public struct Saturation: Sendable, Codable, Equatable {
    /// Which side could not keep up.
    public enum Cause: String, Sendable, Codable, CaseIterable {
        /// Requests went out later than the strategy asked (send lateness).
        case client
        /// The embedded server handled requests late (server queue).
        case server
    }

    /// Empty when the run was not saturated.
    public var causes: [Cause]
    /// Send lateness p99 and its limit, milliseconds of wall time.
    public var sendLatenessP99Ms: Double
    public var sendLatenessLimitMs: Double
    /// Server queue p99 and its limit, milliseconds of wall time; nil without an embedded server.
    public var serverQueueP99Ms: Double?
    public var serverQueueLimitMs: Double?
    /// A time scale that keeps this scenario clear of saturation on this machine, when one
    /// was worked out (embedded runs).
    public var suggestedTimeScale: Double?

    public init(
        causes: [Cause], sendLatenessP99Ms: Double, sendLatenessLimitMs: Double,
        serverQueueP99Ms: Double? = nil, serverQueueLimitMs: Double? = nil, suggestedTimeScale: Double? = nil
    ) {
        self.causes = causes
        self.sendLatenessP99Ms = sendLatenessP99Ms
        self.sendLatenessLimitMs = sendLatenessLimitMs
        self.serverQueueP99Ms = serverQueueP99Ms
        self.serverQueueLimitMs = serverQueueLimitMs
        self.suggestedTimeScale = suggestedTimeScale
    }

    public var isSaturated: Bool { !causes.isEmpty }

    /// The client's limit: send lateness p99 may reach 10 ms of wall time, or 5% of the
    /// strategy's median delay between polls when that is longer.
    public static let clientFloorMs = 10.0
    public static let clientShareOfDelay = 0.05
    /// The server's limit: its queue p99 may reach 1 ms of wall time, or a quarter of the
    /// modelled latency's p99 when that is longer (more would show as latency the model
    /// does not have).
    public static let serverFloorMs = 1.0
    public static let serverShareOfLatency = 0.25

    /// Judges `measurements`; `modelledLatencyP99` (scenario time) is the embedded server's
    /// latency model, nil against a real API.
    public static func assess(_ measurements: LiveMeasurements, modelledLatencyP99: Nanoseconds?) -> Saturation {
        let scale = measurements.timeScale
        let lateness = Double(measurements.sendLateness.value(atPercentile: 99)) / 1000
        let medianDelayMs = Double(measurements.pollDelay.value(atPercentile: 50)) / 1000 / scale
        let clientLimit = Swift.max(clientFloorMs, clientShareOfDelay * medianDelayMs)
        var causes: [Cause] = []
        if !measurements.sendLateness.isEmpty && lateness > clientLimit { causes.append(.client) }
        var serverQueue: Double?
        var serverLimit: Double?
        if let modelled = modelledLatencyP99, !measurements.serverQueue.isEmpty {
            let queue = Double(measurements.serverQueue.value(atPercentile: 99)) / 1000
            let limit = Swift.max(serverFloorMs, serverShareOfLatency * Time.toMilliseconds(modelled) / scale)
            if queue > limit { causes.append(.server) }
            serverQueue = queue
            serverLimit = limit
        }
        return Saturation(
            causes: causes, sendLatenessP99Ms: lateness, sendLatenessLimitMs: clientLimit,
            serverQueueP99Ms: serverQueue, serverQueueLimitMs: serverLimit)
    }

    /// Why, in one clause per cause: "send lateness p99 38.2 ms > 10 ms limit: the client
    /// could not keep up".
    public var reasons: [String] {
        causes.map { cause in
            switch cause {
            case .client:
                return "send lateness p99 \(Self.format(sendLatenessP99Ms)) ms > \(Self.format(sendLatenessLimitMs)) ms limit: the client could not keep up"
            case .server:
                return "server queue p99 \(Self.format(serverQueueP99Ms ?? 0)) ms > \(Self.format(serverQueueLimitMs ?? 0)) ms limit: the embedded server queued requests"
            }
        }
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : Time.trimmed((value * 10).rounded() / 10)
    }
}
