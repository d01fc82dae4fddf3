import Yams

extension ScenarioDecoder {
    static let distributionKinds = ["fixed", "uniform", "exponential", "lognormal", "empirical"]
    static let distributionExpected = "a duration such as 2s, or a distribution such as {kind: lognormal, median: 20s, p95: 90s}"

    /// The distribution under `key`, `fallback` when absent (nil fallback: required).
    mutating func distribution(_ fields: MappingFields, _ key: String, fallback: Distribution?) -> Distribution? {
        guard let node = field(fields, key, required: fallback == nil, expected: Self.distributionExpected) else {
            return fallback
        }
        return distribution(node, at: fields.path(key), line: fields.line(of: key))
    }

    /// A distribution written as a bare duration (`2s`) or as a mapping with a `kind`.
    mutating func distribution(_ node: Node, at path: String, line: Int?) -> Distribution? {
        if let text = node.scalarText {
            return checkedDuration(text, at: path, line: node.line, positive: false).map(Distribution.fixed)
        }
        guard let fields = mapping(node, at: path, line: line, expected: Self.distributionExpected) else { return nil }
        guard let kind = choice(fields, "kind", options: Self.distributionKinds, noun: "kind") else {
            return nil
        }
        switch kind {
        case "fixed":
            checkKeys(fields, allowed: ["kind", "value"], context: " for kind fixed")
            return duration(fields, "value", positive: false).map(Distribution.fixed)
        case "uniform":
            checkKeys(fields, allowed: ["kind", "min", "max"], context: " for kind uniform")
            guard let low = duration(fields, "min", positive: false), let high = duration(fields, "max", positive: false) else {
                return nil
            }
            if high < low {
                report(fields.path("max"), line: fields.line(of: "max"),
                       "must not be below min (\(Time.describe(low))), got \(Time.describe(high))")
                return nil
            }
            return .uniform(min: low, max: high)
        case "exponential":
            checkKeys(fields, allowed: ["kind", "mean"], context: " for kind exponential")
            return duration(fields, "mean").map { Distribution.exponential(mean: $0) }
        case "lognormal":
            checkKeys(fields, allowed: ["kind", "median", "p95", "p99"], context: " for kind lognormal")
            return lognormal(fields)
        default:
            checkKeys(fields, allowed: ["kind", "file"], context: " for kind empirical")
            return empirical(fields)
        }
    }

    private mutating func lognormal(_ fields: MappingFields) -> Distribution? {
        let median = duration(fields, "median")
        let hasP95 = fields.has("p95"), hasP99 = fields.has("p99")
        if hasP95 && hasP99 {
            report(fields.path("p99"), line: fields.line(of: "p99"), "give either p95 or p99, not both")
            return nil
        }
        if !hasP95 && !hasP99 {
            report(fields.path("p95"), line: fields.line,
                   "missing required key; a lognormal needs its median and one upper percentile, p95 or p99")
            return nil
        }
        let key = hasP95 ? "p95" : "p99"
        guard let upper = duration(fields, key), let median else { return nil }
        guard upper > median else {
            report(fields.path(key), line: fields.line(of: key),
                   "must be above the median (\(Time.describe(median))), got \(Time.describe(upper))")
            return nil
        }
        return .lognormal(median: median, upper: upper, z: hasP95 ? Distribution.p95Z : Distribution.p99Z)
    }

    private mutating func empirical(_ fields: MappingFields) -> Distribution? {
        guard let (source, node) = scalar(fields, "file", required: true, expected: "the path of a CSV of durations in seconds") else {
            return nil
        }
        let path = fields.path("file")
        let resolved = TextFile.resolve(source, relativeTo: baseDirectory)
        let text: String
        do {
            text = try TextFile.read(resolved)
        } catch {
            report(path, line: node.line, "cannot read \(DurationParser.quoted(resolved, whole: true)): \(error.reason)")
            return nil
        }
        let (samples, lineProblems) = EmpiricalCSV.parse(text)
        let shown = 5
        for problem in lineProblems.prefix(shown) {
            report(in: resolved, line: problem.line, path: path, order: node.line,
                   problem.message + " (referenced from \(file):\(node.line.map(String.init) ?? "?"))")
        }
        if lineProblems.count > shown {
            report(in: resolved, line: nil, path: path, order: node.line,
                   "\(lineProblems.count - shown) more lines are not valid samples")
        }
        guard lineProblems.isEmpty else { return nil }
        guard !samples.isEmpty else {
            report(path, line: node.line, "\(DurationParser.quoted(resolved, whole: true)) holds no samples; expected durations in seconds, one per line")
            return nil
        }
        return .empirical(samples: samples, source: source)
    }
}
