import Yams

extension ScenarioDecoder {
    static let strategyKinds = ["fixed", "exponential", "decorrelatedJitter", "recommended", "progressAware", "webhook",
                                "adaptive", "budgeted", "headerPaced", "preset"]
    /// The kinds a wrapper's `base` may be: every kind but the webhook baseline.
    static let baseKinds = strategyKinds.filter { $0 != "webhook" }
    static let jitterNames = ["none", "full", "equal"]

    /// The `strategies` list: at least one, with unique names.
    mutating func strategies(_ node: Node, at path: String, line: Int?) -> [StrategySpec]? {
        guard let items = sequence(node, at: path, line: line, expected: "a list of strategies such as [{name: fixed-2s, kind: fixed, interval: 2s}]") else {
            return nil
        }
        guard !items.isEmpty else {
            report(path, line: node.line ?? line, "the list is empty; give at least one strategy such as {name: fixed-2s, kind: fixed, interval: 2s}")
            return nil
        }
        var specs: [StrategySpec]? = []
        var firstUse: [String: (index: Int, line: Int?)] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let spec = strategy(item, at: itemPath)
            if case .mapping(let mapping) = item, let nameNode = mapping["name"], let name = nameNode.scalarText, !nameNode.isNull {
                if let first = firstUse[name] {
                    let firstLine = first.line.map { ", line \($0)" } ?? ""
                    report(itemPath + ".name", line: nameNode.line,
                           "duplicate strategy name \(DurationParser.quoted(name, whole: true)) (also \(path)[\(first.index)]\(firstLine)); names must be unique")
                    specs = nil
                } else {
                    firstUse[name] = (index, nameNode.line)
                }
            }
            specs = spec.flatMap { spec in specs.map { $0 + [spec] } }
        }
        return specs
    }

    /// One strategy: `name`, `kind`, the kind's parameters and an optional `initialDelay`.
    mutating func strategy(_ node: Node, at path: String) -> StrategySpec? {
        guard let fields = mapping(node, at: path, line: node.line, expected: "a strategy such as {name: fixed-2s, kind: fixed, interval: 2s}") else {
            return nil
        }
        let name = string(fields, "name", expected: "a unique name for reports")
        let body = strategyBody(fields, common: ["name", "kind", "initialDelay"], kinds: Self.strategyKinds, name: name ?? "")
        guard let name, var spec = body else { return nil }
        spec.name = name
        return spec
    }

    /// A strategy's kind, its parameters and `initialDelay` (a named strategy's, or a
    /// wrapper's `base`, which has no name).
    mutating func strategyBody(_ fields: MappingFields, common: [String], kinds: [String], name: String) -> StrategySpec? {
        let initialDelay = fields.has("initialDelay") ? duration(fields, "initialDelay", positive: false) : nil
        let delayValid = fields.has("initialDelay") == (initialDelay != nil)
        guard let kindName = choice(fields, "kind", options: kinds, noun: "kind") else { return nil }
        let context = " for kind \(kindName)"
        var wrapped: StrategySpec?
        let kind: StrategyKind?
        switch kindName {
        case "fixed":
            checkKeys(fields, allowed: common + ["interval"], context: context)
            kind = duration(fields, "interval").map { StrategyKind.fixed(interval: $0) }
        case "exponential":
            checkKeys(fields, allowed: common + ["initial", "multiplier", "max", "jitter"], context: context)
            kind = exponential(fields)
        case "decorrelatedJitter":
            checkKeys(fields, allowed: common + ["base", "max"], context: context)
            let base = duration(fields, "base")
            let maximum = duration(fields, "max")
            if let base, let maximum, notBelow(maximum, base, fields, "max", other: "base") {
                kind = .decorrelatedJitter(base: base, max: maximum)
            } else {
                kind = nil
            }
        case "recommended":
            checkKeys(fields, allowed: common, context: context)
            kind = .recommended
        case "progressAware":
            checkKeys(fields, allowed: common + ["min", "max", "fallback"], context: context)
            let minimum = duration(fields, "min")
            let maximum = duration(fields, "max")
            let fallback = fields.has("fallback") ? duration(fields, "fallback") : minimum
            if let minimum, let maximum, let fallback, notBelow(maximum, minimum, fields, "max", other: "min") {
                kind = .progressAware(min: minimum, max: maximum, fallback: fallback)
            } else {
                kind = nil
            }
        case "webhook":
            checkKeys(fields, allowed: common + ["delivery"], context: context)
            kind = distribution(fields, "delivery", fallback: .fixed(0)).map { StrategyKind.webhook(delivery: $0) }
        case "preset":
            checkKeys(fields, allowed: common + ["preset"], context: context)
            let names = StrategyPreset.allCases.map(\.rawValue)
            wrapped = choice(fields, "preset", options: names, noun: "preset").flatMap { StrategyPreset(rawValue: $0) }?.spec(name: name)
            kind = wrapped?.kind
        default:
            wrapped = wrapper(kindName, fields, common: common, context: context, name: name)
            kind = wrapped?.kind
        }
        guard let kind, delayValid else { return nil }
        var spec = wrapped ?? StrategySpec(name: name, kind: kind)
        if let initialDelay { spec.initialDelay = initialDelay }
        return spec
    }

    /// `adaptive`, `budgeted` or `headerPaced`: a `base` strategy (default `recommended`)
    /// whose executions share, per API key, a learned send rate, a retry budget or the
    /// quota the rate-limit headers report.
    private mutating func wrapper(_ kindName: String, _ fields: MappingFields, common: [String], context: String, name: String) -> StrategySpec? {
        var spec: StrategySpec?
        if let node = fields.value("base") {
            if let baseFields = mapping(node, at: fields.path("base"), line: node.line, expected: "a strategy without a name, such as {kind: fixed, interval: 2s}") {
                spec = strategyBody(baseFields, common: ["kind", "initialDelay"], kinds: Self.baseKinds, name: name)
            }
        } else {
            spec = StrategySpec(name: name, kind: .recommended)
        }
        switch kindName {
        case "adaptive":
            let control = fields.has("control") ? choice(fields, "control", options: ["aimd", "cubic"]) : "aimd"
            var gate: SendRateControl?
            if control == "cubic" {
                checkKeys(fields, allowed: common + ["base", "control", "beta", "scale"], context: " for control cubic")
                let beta = fields.has("beta") ? fraction(fields, "beta") : 0.7
                let scale = fields.has("scale") ? positive(fields, "scale") : 0.4
                if let beta, let scale { gate = .cubic(CubicParameters(scale: scale, beta: beta)) }
            } else if control == "aimd" {
                checkKeys(fields, allowed: common + ["base", "control", "increase", "decrease"], context: " for control aimd")
                let increase = fields.has("increase") ? positive(fields, "increase") : 1
                let decrease = fields.has("decrease") ? fraction(fields, "decrease") : 0.5
                if let increase, let decrease { gate = .aimd(AIMDParameters(increase: increase, decrease: decrease)) }
            }
            guard let gate else { return nil }
            if spec?.keyClient.gate != nil { return duplicate(fields, "a send gate") }
            spec?.keyClient.gate = gate
        case "budgeted":
            checkKeys(fields, allowed: common + ["base", "capacity", "deposit", "cost"], context: context)
            let capacity = fields.has("capacity") ? positive(fields, "capacity") : 100
            let deposit = fields.has("deposit") ? positive(fields, "deposit") : 0.1
            let cost = fields.has("cost") ? positive(fields, "cost") : 1
            guard let capacity, let deposit, let cost else { return nil }
            if spec?.keyClient.budget != nil { return duplicate(fields, "a retry budget") }
            spec?.keyClient.budget = RetryBudgetPolicy(capacity: capacity, deposit: deposit, cost: cost)
        default:
            checkKeys(fields, allowed: common + ["base"], context: context)
            if spec?.keyClient.headerPacing == true { return duplicate(fields, "header pacing") }
            spec?.keyClient.headerPacing = true
        }
        spec?.label = kindName
        return spec
    }

    private mutating func duplicate(_ fields: MappingFields, _ what: String) -> StrategySpec? {
        report(fields.path("base"), line: fields.line(of: "base"), "the base strategy already has \(what); wrap it once")
        return nil
    }

    /// A number above 0 and below 1.
    private mutating func fraction(_ fields: MappingFields, _ key: String) -> Double? {
        guard let value = number(fields, key) else { return nil }
        guard value > 0 && value < 1 else {
            report(fields.path(key), line: fields.line(of: key), "must be above 0 and below 1, got \(Time.trimmed(value))")
            return nil
        }
        return value
    }

    /// A number above 0.
    private mutating func positive(_ fields: MappingFields, _ key: String) -> Double? {
        guard let value = number(fields, key) else { return nil }
        guard value > 0 else {
            report(fields.path(key), line: fields.line(of: key), "must be above 0, got \(Time.trimmed(value))")
            return nil
        }
        return value
    }

    private mutating func exponential(_ fields: MappingFields) -> StrategyKind? {
        let initial = duration(fields, "initial")
        var multiplier = number(fields, "multiplier")
        if let value = multiplier, value < 1 {
            report(fields.path("multiplier"), line: fields.line(of: "multiplier"),
                   "must be at least 1 (a backoff never shrinks), got \(Time.trimmed(value))")
            multiplier = nil
        }
        let maximum = duration(fields, "max")
        let jitter = fields.has("jitter") ? self.jitter(fields) : Jitter.none
        let ordered = initial.flatMap { low in maximum.map { notBelow($0, low, fields, "max", other: "initial") } } ?? false
        guard let initial, let multiplier, let maximum, let jitter, ordered else { return nil }
        return .exponential(initial: initial, multiplier: multiplier, max: maximum, jitter: jitter)
    }

    private mutating func jitter(_ fields: MappingFields) -> Jitter? {
        let expected = "none, full, equal or a fraction such as 0.2 (proportional)"
        guard let (text, node) = scalar(fields, "jitter", required: true, expected: expected) else { return nil }
        switch text {
        case "none": return Jitter.none
        case "full": return .full
        case "equal": return .equal
        default:
            if let fraction = Double(text), fraction.isFinite {
                guard fraction > 0 && fraction <= 1 else {
                    report(fields.path("jitter"), line: node.line, "a proportional jitter must be above 0 and at most 1, got \(text)")
                    return nil
                }
                return .proportional(fraction)
            }
            var message = "expected \(expected), got \(node.described)"
            if let suggestion = KeySuggestion.closest(to: text, in: Self.jitterNames) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            report(fields.path("jitter"), line: node.line, message)
            return nil
        }
    }

    /// Reports `key` when `value` is below `bound` (the value of `other`).
    private mutating func notBelow(_ value: Nanoseconds, _ bound: Nanoseconds, _ fields: MappingFields, _ key: String, other: String) -> Bool {
        guard value < bound else { return true }
        report(fields.path(key), line: fields.line(of: key),
               "must not be below \(other) (\(Time.describe(bound))), got \(Time.describe(value))")
        return false
    }
}
