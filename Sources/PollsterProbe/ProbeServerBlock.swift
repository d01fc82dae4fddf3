public import PollsterCore

/// The `server` part of probe.json: the probed rate limit and rejection style in the
/// terms of a scenario, which `pollster run --server-from probe.json` puts in place of
/// the scenario's own.
public struct ProbeServerBlock: Sendable, Hashable, Codable {
    public struct Rule: Sendable, Hashable, Codable {
        public var scope: String
        /// `tokenBucket`, `fixedWindow`, `slidingWindowLog`, `slidingWindowCounter`, `concurrency`.
        public var algorithm: String
        public var rate: Double?
        public var burst: Int?
        public var limit: Int?
        /// Seconds.
        public var window: Double?
    }

    public var rateLimits: [Rule]
    public var status: Int
    public var retryAfter: String
    public var countRejected: Bool
    public var headers: [String]

    /// The block of `report`.
    public init(_ report: ProbeReport) {
        rateLimits = []
        if let best = report.inference.best {
            let h = best.hypothesis
            switch h.family {
            case .bucket:
                rateLimits = [Rule(scope: "apiKey", algorithm: "tokenBucket", rate: h.rate, burst: h.limit)]
            case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
                rateLimits = [Rule(scope: "apiKey", algorithm: h.algorithm.name, limit: h.limit, window: h.window)]
            case .concurrency:
                rateLimits = [Rule(scope: "apiKey", algorithm: "concurrency", limit: h.limit)]
            }
        }
        let style = report.rejection
        status = style.status
        retryAfter = style.retryAfter.rawValue
        countRejected = style.countsRejected
        headers = style.headers.map(\.rawValue)
    }

    /// Why the block cannot be used, or nil.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The rules, checked as a scenario's would be.
    public func rules() throws(Problem) -> [RateLimitRule] {
        var rules: [RateLimitRule] = []
        for (index, rule) in rateLimits.enumerated() {
            let at = "server.rateLimits[\(index)]"
            guard let scope = RateLimitScope(rawValue: rule.scope) else { throw Problem(description: "\(at).scope: unknown scope \(rule.scope)") }
            func positive(_ value: Double?, _ name: String) throws(Problem) -> Double {
                guard let value, value > 0, value.isFinite else { throw Problem(description: "\(at).\(name) must be a positive number") }
                return value
            }
            func whole(_ value: Int?, _ name: String) throws(Problem) -> Int {
                guard let value, value >= 1 else { throw Problem(description: "\(at).\(name) must be a whole number of at least 1") }
                return value
            }
            let algorithm: RateLimitAlgorithm
            switch rule.algorithm {
            case "tokenBucket", "gcra":
                let rate = Rate(perSecond: try positive(rule.rate, "rate"))
                let burst = try whole(rule.burst, "burst")
                algorithm = rule.algorithm == "gcra" ? .gcra(rate: rate, burst: burst) : .tokenBucket(rate: rate, burst: burst)
            case "fixedWindow", "slidingWindowLog", "slidingWindowCounter":
                let limit = try whole(rule.limit, "limit")
                let window = Time.seconds(try positive(rule.window, "window"))
                switch rule.algorithm {
                case "fixedWindow": algorithm = .fixedWindow(limit: limit, window: window)
                case "slidingWindowLog": algorithm = .slidingWindowLog(limit: limit, window: window)
                default: algorithm = .slidingWindowCounter(limit: limit, window: window)
                }
            case "concurrency":
                algorithm = .concurrency(limit: try whole(rule.limit, "limit"))
            default:
                throw Problem(description: "\(at).algorithm: unknown algorithm \(rule.algorithm)")
            }
            rules.append(RateLimitRule(scope: scope, algorithm: algorithm))
        }
        return rules
    }

    /// The rejection style, checked.
    public func rejection() throws(Problem) -> RejectionStyle {
        guard RejectionStyle.statuses.contains(status) else { throw Problem(description: "server.status must be 429 or 503, got \(status)") }
        guard let form = RejectionStyle.RetryAfterForm(rawValue: retryAfter) else {
            throw Problem(description: "server.retryAfter must be seconds, date or none, got \(retryAfter)")
        }
        var families: [RejectionStyle.HeaderFamily] = []
        for name in headers {
            guard let family = RejectionStyle.HeaderFamily(rawValue: name) else { throw Problem(description: "server.headers: unknown family \(name)") }
            families.append(family)
        }
        return RejectionStyle(status: status, retryAfter: form, countsRejected: countRejected, headers: families)
    }
}
