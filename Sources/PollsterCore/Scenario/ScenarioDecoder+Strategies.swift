import Yams

extension ScenarioDecoder {
    static let strategyKinds = ["fixed", "exponential", "decorrelatedJitter", "recommended", "progressAware", "webhook"]
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
        let initialDelay = fields.has("initialDelay") ? duration(fields, "initialDelay", positive: false) : nil
        let delayValid = fields.has("initialDelay") == (initialDelay != nil)
        guard let kindName = choice(fields, "kind", options: Self.strategyKinds, noun: "kind") else { return nil }
        let common = ["name", "kind", "initialDelay"]
        let context = " for kind \(kindName)"
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
        default:
            checkKeys(fields, allowed: common + ["delivery"], context: context)
            kind = distribution(fields, "delivery", fallback: .fixed(0)).map { StrategyKind.webhook(delivery: $0) }
        }
        guard let name, let kind, delayValid else { return nil }
        return StrategySpec(name: name, kind: kind, initialDelay: initialDelay)
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
