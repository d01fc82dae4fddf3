import Yams

extension ScenarioDecoder {
    static let workloadKeys = ["executions", "arrival", "duration", "queueTime", "outcomes", "apiKeys", "progress"]
    static let progressKinds = ["linear", "steps", "noisy"]
    static let arrivalKinds = ["poisson", "uniform", "burst", "ramp"]

    /// The `workload` section.
    mutating func workload(_ node: Node, at path: String, line: Int?) -> Workload? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping with keys " + Self.workloadKeys.joined(separator: ", ")) else {
            return nil
        }
        checkKeys(fields, allowed: Self.workloadKeys)
        var executions = integer(fields, "executions", minimum: 1)
        if let count = executions, count > Workload.maxExecutions {
            report(fields.path("executions"), line: fields.line(of: "executions"),
                   "must be at most \(Workload.maxExecutions), got \(count)")
            executions = nil
        }
        let arrival = field(fields, "arrival", required: true, expected: "an arrival process such as {kind: poisson, rate: 20/s}")
            .flatMap { arrivalProcess($0, at: fields.path("arrival"), line: fields.line(of: "arrival")) }
        let duration = distribution(fields, "duration", fallback: nil)
        let queueTime = fields.has("queueTime") ? distribution(fields, "queueTime", fallback: nil) : nil
        let outcomes = fields.value("outcomes").flatMap { outcomeMix($0, at: fields.path("outcomes"), line: fields.line(of: "outcomes")) }
        let apiKeys = integer(fields, "apiKeys", required: false, minimum: 1)
        let progress = fields.value("progress").flatMap { progressModel($0, at: fields.path("progress"), line: fields.line(of: "progress")) }
        guard let executions, let arrival, let duration,
              fields.has("queueTime") == (queueTime != nil),
              fields.has("outcomes") == (outcomes != nil),
              fields.has("apiKeys") == (apiKeys != nil),
              fields.has("progress") == (progress != nil)
        else { return nil }
        return Workload(
            executions: executions, arrival: arrival, duration: duration, queueTime: queueTime,
            outcomes: outcomes ?? OutcomeMix(), apiKeys: apiKeys ?? 1, progress: progress ?? .linear
        )
    }

    /// `linear`, `{kind: linear}`, `{kind: steps, count: K}` or `{kind: noisy, error: E}`.
    mutating func progressModel(_ node: Node, at path: String, line: Int?) -> ProgressModel? {
        if node.scalarText == "linear" { return .linear }
        let expected = "a progress model: linear, {kind: steps, count: 5} or {kind: noisy, error: 0.3}"
        guard let fields = mapping(node, at: path, line: line, expected: expected) else { return nil }
        guard let kind = choice(fields, "kind", options: Self.progressKinds, noun: "kind") else { return nil }
        switch kind {
        case "steps":
            checkKeys(fields, allowed: ["kind", "count"], context: " for kind steps")
            guard let count = integer(fields, "count", minimum: 1) else { return nil }
            if count > ProgressModel.maxSteps {
                report(fields.path("count"), line: fields.line(of: "count"), "must be at most \(ProgressModel.maxSteps), got \(count)")
                return nil
            }
            return .steps(count: count)
        case "noisy":
            checkKeys(fields, allowed: ["kind", "error"], context: " for kind noisy")
            guard let error = number(fields, "error") else { return nil }
            guard (0...3).contains(error) else {
                report(fields.path("error"), line: fields.line(of: "error"), "must be between 0 and 3, got \(error)")
                return nil
            }
            return .noisy(error: error)
        default:
            checkKeys(fields, allowed: ["kind"], context: " for kind linear")
            return .linear
        }
    }

    /// `{kind: poisson, rate}`, `{kind: uniform, rate}`, `{kind: burst, at}` or `{kind: ramp, from, to, over}`.
    mutating func arrivalProcess(_ node: Node, at path: String, line: Int?) -> ArrivalProcess? {
        guard let fields = mapping(node, at: path, line: line, expected: "an arrival process such as {kind: poisson, rate: 20/s}") else {
            return nil
        }
        guard let kind = choice(fields, "kind", options: Self.arrivalKinds, noun: "kind") else { return nil }
        switch kind {
        case "poisson", "uniform":
            checkKeys(fields, allowed: ["kind", "rate"], context: " for kind \(kind)")
            guard let rate = rate(fields, "rate") else { return nil }
            return kind == "poisson" ? .poisson(rate) : .uniform(rate)
        case "burst":
            checkKeys(fields, allowed: ["kind", "at"], context: " for kind burst")
            if fields.has("at") {
                return duration(fields, "at", positive: false).map { ArrivalProcess.burst(at: $0) }
            }
            return .burst(at: 0)
        default:
            checkKeys(fields, allowed: ["kind", "from", "to", "over"], context: " for kind ramp")
            let from = rate(fields, "from", allowZero: true)
            let to = rate(fields, "to")
            let over = duration(fields, "over")
            guard let from, let to, let over else { return nil }
            return .ramp(from: from, to: to, over: over)
        }
    }

    /// The probabilities of each outcome; missing ones are 0 and the three must sum to 1.
    mutating func outcomeMix(_ node: Node, at path: String, line: Int?) -> OutcomeMix? {
        let names = Outcome.allCases.map(\.rawValue)
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping such as {completed: 0.9, failed: 0.08, cancelled: 0.02}") else {
            return nil
        }
        checkKeys(fields, allowed: names)
        var values: [Double] = []
        var valid = true
        for name in names {
            guard fields.has(name) else { values.append(0); continue }
            guard let value = number(fields, name) else { valid = false; continue }
            guard (0...1).contains(value) else {
                report(fields.path(name), line: fields.line(of: name), "must be a probability between 0 and 1, got \(Time.trimmed(value))")
                valid = false
                continue
            }
            values.append(value)
        }
        guard valid else { return nil }
        let sum = values.reduce(0, +)
        guard abs(sum - 1) <= 1e-6 else {
            report(path, line: line, "probabilities sum to \(sumText(sum)); completed, failed and cancelled must sum to 1 (missing ones count as 0)")
            return nil
        }
        return OutcomeMix(completed: values[0], failed: values[1], cancelled: values[2])
    }

    private func sumText(_ sum: Double) -> String {
        let text = Time.trimmed(sum)
        return text == "1" ? "\(sum)" : text
    }
}
