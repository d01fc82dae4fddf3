import Yams

extension ScenarioDecoder {
    static let serverKeys = ["latency", "rateLimits", "capacity", "rejection", "faults"]
    static let capacityKeys = ["workers", "queue"]
    static let rateLimitScopes = ["apiKey", "global"]
    static let rateLimitAlgorithms = ["tokenBucket", "gcra", "fixedWindow", "slidingWindowLog", "slidingWindowCounter", "concurrency"]

    /// The `server` section.
    mutating func serverModel(_ node: Node, at path: String, line: Int?) -> ServerModel? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping with keys latency, rateLimits, capacity, rejection, faults") else {
            return nil
        }
        checkKeys(fields, allowed: Self.serverKeys)
        let latency = distribution(fields, "latency", fallback: .fixed(0))
        var rules: [RateLimitRule]? = []
        if let list = fields.value("rateLimits") {
            let listPath = fields.path("rateLimits")
            if let items = sequence(list, at: listPath, line: fields.line(of: "rateLimits"),
                                    expected: "a list such as [{scope: apiKey, algorithm: tokenBucket, rate: 10/s, burst: 20}]") {
                for (index, item) in items.enumerated() {
                    let rule = rateLimitRule(item, at: "\(listPath)[\(index)]")
                    rules = rule.flatMap { rule in rules.map { $0 + [rule] } }
                }
            } else {
                rules = nil
            }
        }
        var capacity: ServerCapacity?? = .some(nil)
        if let node = fields.value("capacity") {
            capacity = serverCapacity(node, at: fields.path("capacity"), line: fields.line(of: "capacity")).map { .some($0) }
        }
        var rejection: RejectionStyle? = .standard
        if let node = fields.value("rejection") {
            rejection = rejectionStyle(node, at: fields.path("rejection"), line: fields.line(of: "rejection"))
        }
        var faults: [ServerFault]? = []
        if let node = fields.value("faults") {
            faults = serverFaults(node, at: fields.path("faults"), line: fields.line(of: "faults"))
        }
        if let rejection, let faults, rejection.status == 503 {
            // A client cannot tell a 503 rejection from a 503 error: refuse the ambiguity.
            for (index, fault) in faults.enumerated() {
                if case .error(503) = fault.kind {
                    report("\(fields.path("faults"))[\(index)].status", line: fields.line(of: "faults"),
                           "503 is this server's rejection status (rejection.status), so clients would count these errors as rejections; use another 5xx")
                    return nil
                }
            }
        }
        guard let latency, let rules, let capacity, let rejection, let faults else { return nil }
        return ServerModel(latency: latency, rateLimits: rules, capacity: capacity, rejection: rejection, faults: faults)
    }

    /// `server.capacity`: `{workers: W, queue: Q}`, the queue bound optional.
    mutating func serverCapacity(_ node: Node, at path: String, line: Int?) -> ServerCapacity? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping such as {workers: 8, queue: 100}") else {
            return nil
        }
        checkKeys(fields, allowed: Self.capacityKeys)
        var workers = integer(fields, "workers", minimum: 1)
        if let count = workers, count > ServerCapacity.maxWorkers {
            report(fields.path("workers"), line: fields.line(of: "workers"),
                   "must be at most \(ServerCapacity.maxWorkers), got \(count) (for unlimited capacity leave capacity out)")
            workers = nil
        }
        var queue: Int?? = .some(nil)
        if fields.value("queue") != nil { queue = integer(fields, "queue", minimum: 0).map { .some($0) } }
        guard let workers, let queue else { return nil }
        return ServerCapacity(workers: workers, queue: queue)
    }

    /// One `rateLimits` item: a scope, an algorithm and the algorithm's parameters.
    mutating func rateLimitRule(_ node: Node, at path: String) -> RateLimitRule? {
        guard let fields = mapping(node, at: path, line: node.line, expected: "a rate limit such as {scope: apiKey, algorithm: tokenBucket, rate: 10/s, burst: 20}") else {
            return nil
        }
        let scope = choice(fields, "scope", options: Self.rateLimitScopes).flatMap(RateLimitScope.init(rawValue:))
        guard let algorithm = choice(fields, "algorithm", options: Self.rateLimitAlgorithms, noun: "algorithm") else {
            return nil
        }
        let decoded: RateLimitAlgorithm?
        switch algorithm {
        case "tokenBucket", "gcra":
            checkKeys(fields, allowed: ["scope", "algorithm", "rate", "burst"], context: " for algorithm \(algorithm)")
            let rate = rate(fields, "rate")
            let burst = integer(fields, "burst", minimum: 1)
            if let rate, let burst {
                decoded = algorithm == "gcra" ? .gcra(rate: rate, burst: burst) : .tokenBucket(rate: rate, burst: burst)
            } else {
                decoded = nil
            }
        case "concurrency":
            checkKeys(fields, allowed: ["scope", "algorithm", "limit"], context: " for algorithm concurrency")
            decoded = integer(fields, "limit", minimum: 1).map { RateLimitAlgorithm.concurrency(limit: $0) }
        default:
            checkKeys(fields, allowed: ["scope", "algorithm", "limit", "window"], context: " for algorithm \(algorithm)")
            let limit = integer(fields, "limit", minimum: 1)
            let window = duration(fields, "window")
            if let limit, let window {
                switch algorithm {
                case "fixedWindow": decoded = .fixedWindow(limit: limit, window: window)
                case "slidingWindowLog": decoded = .slidingWindowLog(limit: limit, window: window)
                default: decoded = .slidingWindowCounter(limit: limit, window: window)
                }
            } else {
                decoded = nil
            }
        }
        guard let scope, let decoded else { return nil }
        return RateLimitRule(scope: scope, algorithm: decoded)
    }
}
