/// How a scenario is run: replayed in virtual time, or over real HTTP.
public enum RunMode: String, Sendable, Hashable, Codable {
    case simulate
    case live
}

/// The API a live run polls: the embedded mock server, or a real base URL.
public enum Target: Sendable, Hashable {
    case embedded
    case url(String)

    public var description: String {
        switch self {
        case .embedded: return "embedded"
        case .url(let url): return url
        }
    }
}

/// A validated scenario: the workload, the server model, the strategies to compare and how
/// to run and report them. Built by ``ScenarioLoader`` from YAML, or directly in code.
public struct Scenario: Sendable, Hashable {
    public var name: String
    /// Free text from the scenario file: what the scenario is for.
    public var description: String?
    public var seed: UInt64
    public var mode: RunMode
    public var target: Target
    /// Name of the environment variable that holds the API key for a real target (the key
    /// itself never appears in a scenario, a flag, a log or a report).
    public var apiKeyEnv: String?
    /// Live runs against the embedded mock: scenario seconds per wall-clock second.
    public var timeScale: Double
    /// `timeScale: auto`: the live run picks ``timeScale`` itself, from a quick simulation
    /// of the scenario's demand and a calibration of this machine (``TimeScaleAdvisor``).
    /// Ignored by simulations and by runs against a real API (real time).
    public var timeScaleIsAuto: Bool
    public var workload: Workload
    public var server: ServerModel
    public var strategies: [StrategySpec]
    public var client: ClientPolicy
    public var report: ReportOptions
    /// Live runs against a real API: where executions come from, request ceiling.
    public var live: LiveSettings
    /// Criteria that fail the run when its final figures meet them (`thresholds:`); the
    /// command line's `--fail-if` adds to them.
    public var thresholds: [Threshold]
    /// Strategies mixed on the same keys and server (`population:`); nil: none.
    public var population: Population?

    public init(
        name: String,
        seed: UInt64 = 1,
        mode: RunMode = .simulate,
        target: Target = .embedded,
        apiKeyEnv: String? = nil,
        timeScale: Double = 1,
        timeScaleIsAuto: Bool = false,
        workload: Workload,
        server: ServerModel = ServerModel(),
        strategies: [StrategySpec],
        client: ClientPolicy = ClientPolicy(),
        report: ReportOptions? = nil,
        description: String? = nil,
        live: LiveSettings = LiveSettings(),
        thresholds: [Threshold] = [],
        population: Population? = nil
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.mode = mode
        self.target = target
        self.apiKeyEnv = apiKeyEnv
        self.timeScale = timeScale
        self.timeScaleIsAuto = timeScaleIsAuto
        self.workload = workload
        self.server = server
        self.strategies = strategies
        self.client = client
        self.report = report ?? ReportOptions(out: "reports/\(name)")
        self.live = live
        self.thresholds = thresholds
        self.population = population
    }

    /// The description of population member `index` in reports.
    public func populationDescription(_ index: Int) -> String {
        guard let population else { return "" }
        let spec = populationStrategies[index]
        return "\(spec.summary); \(Time.trimmed(population.members[index].share * 100))% of the executions in \(population.summary)"
    }

    /// The report row of population member `index`.
    public func populationResult(_ index: Int, metrics: StrategyMetrics) -> StrategyResult {
        StrategyResult(name: population?.resultName(index) ?? "", description: populationDescription(index), metrics: metrics)
    }

    /// Runs a scenario makes: one per strategy, and one for the population.
    public var runCount: Int { strategies.count + (population == nil ? 0 : 1) }

    /// The strategies of ``population`` in member order; empty without one.
    public var populationStrategies: [StrategySpec] {
        population?.members.compactMap { member in strategies.first { $0.name == member.strategy } } ?? []
    }

    /// Settings this scenario holds but its mode ignores, in plain words (commands print
    /// them as notes); empty when every setting applies.
    public var notes: [String] {
        var notes: [String] = []
        if mode == .simulate && (timeScaleIsAuto || timeScale != 1) {
            let value = timeScaleIsAuto ? "auto" : Time.trimmed(timeScale)
            notes.append("timeScale \(value) applies to live runs only; a simulation runs in virtual time and ignores it")
        }
        return notes
    }

    /// One paragraph in plain words, for `validate` and for report headers.
    public var summary: String {
        var text = "\(name): \(workload.executions) executions, \(workload.arrival.summary), "
        text += "running \(workload.duration.summary)"
        if let queue = workload.queueTime { text += " after a queue time of \(queue.summary)" }
        let o = workload.outcomes
        text += "; \(Time.trimmed(o.completed * 100))% complete, \(Time.trimmed(o.failed * 100))% fail, "
        text += "\(Time.trimmed(o.cancelled * 100))% are cancelled; spread over \(workload.apiKeys) API key"
        text += workload.apiKeys == 1 ? "." : "s."
        if workload.progress != .linear { text += " Running executions report \(workload.progress.summary)." }
        text += " The server answers in \(server.latency.summary)"
        if server.rateLimits.isEmpty {
            text += " with no rate limits."
        } else {
            let limits = server.rateLimits.map { "\($0.algorithm.summary) per \($0.scope == .apiKey ? "API key" : "server")" }
            text += " and limits requests to " + limits.joined(separator: "; ") + "."
        }
        if let capacity = server.capacity {
            text += " It works on \(capacity.workers) request\(capacity.workers == 1 ? "" : "s") at a time; the rest wait"
            text += capacity.queue.map { ", up to \($0) (then 503)." } ?? " (no bound)."
        }
        if server.rejection != .standard && !server.rateLimits.isEmpty { text += " " + server.rejection.summary }
        if !server.faults.isEmpty { text += " Faults: " + server.faults.map(\.summary).joined(separator: "; ") + "." }
        text += " Strategies compared: " + strategies.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + "."
        if let population { text += " Mixed on the same keys and server as \(population.summary)." }
        text += " Clients give up after \(Time.describe(client.timeout)) and "
        text += client.retryAfter == .honor ? "honor Retry-After." : "ignore Retry-After."
        switch mode {
        case .simulate: text += " Mode: simulate (virtual time), seed \(seed)."
        case .live:
            text += " Mode: live against \(target.description)"
            if case .embedded = target {
                text += timeScaleIsAuto ? " at the time scale this machine keeps up with (auto)" : " at \(Time.trimmed(timeScale))x time scale"
            }
            text += ", seed \(seed)."
        }
        return text
    }
}

extension Scenario {
    /// A hash of everything that shapes the run's figures (the scenario as run, its seed
    /// included; not where the report goes nor the thresholds it is judged by): FNV-1a over its full description, as hex.
    public var contentHash: String {
        var copy = self
        copy.report.out = ""
        copy.thresholds = []
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in String(reflecting: copy).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
