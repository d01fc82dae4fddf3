import Yams

/// Walks the YAML tree of a scenario, building the typed model and collecting every
/// problem on the way instead of stopping at the first one.
struct ScenarioDecoder {
    /// The scenario file, as named in problems.
    let file: String
    /// Directory that relative `file:` references are resolved against.
    let baseDirectory: String
    /// Problems with the line they sort by (a CSV's problems sort at the referencing line).
    private var found: [(order: Int, problem: ScenarioProblem)] = []

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    /// The problems found so far, in file order.
    var problems: [ScenarioProblem] {
        found.enumerated()
            .sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
            .map(\.element.problem)
    }

    // MARK: Reporting

    /// Records a problem at `path`, on `line` of the scenario file.
    mutating func report(_ path: String, line: Int?, _ message: String) {
        found.append((line ?? 0, ScenarioProblem(file: file, line: line, path: path, message: message)))
    }

    /// Records a problem in another file (a CSV), sorted with the scenario line `order`.
    mutating func report(in otherFile: String, line: Int?, path: String, order: Int?, _ message: String) {
        found.append((order ?? 0, ScenarioProblem(file: otherFile, line: line, path: path, message: message)))
    }

    /// `unknown kind "posson" (did you mean "poisson"?); allowed: poisson, uniform`.
    static func unknown(_ noun: String, _ value: String, allowed: [String]) -> String {
        var message = "unknown \(noun) \(DurationParser.quoted(value))"
        if let suggestion = KeySuggestion.closest(to: value, in: allowed) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return message + "; allowed: " + allowed.joined(separator: ", ")
    }

    // MARK: Structure

    /// The entries of `node` when it is a mapping with string keys; otherwise reports it.
    mutating func mapping(_ node: Node, at path: String, line: Int?, expected: String) -> MappingFields? {
        guard case .mapping(let mapping) = node else {
            report(path, line: node.line ?? line, "expected \(expected), got \(node.described)")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let text = key.scalarText else {
                report(path, line: key.line, "keys must be plain words, got \(key.described)")
                continue
            }
            pairs.append((text, key, value))
        }
        return MappingFields(path: path, line: line ?? node.line, pairs: pairs)
    }

    /// Reports every key of `fields` that is not in `allowed`, suggesting the closest one.
    mutating func checkKeys(_ fields: MappingFields, allowed: [String], context: String = "") {
        for key in fields.keys where !allowed.contains(key) {
            var message = "unknown key" + context
            if let suggestion = KeySuggestion.closest(to: key, in: allowed) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            message += "; allowed: " + allowed.joined(separator: ", ")
            report(fields.path(key), line: fields.line(of: key), message)
        }
    }

    /// The elements of `node` when it is a list; otherwise reports it.
    mutating func sequence(_ node: Node, at path: String, line: Int?, expected: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(path, line: node.line ?? line, "expected \(expected), got \(node.described)")
            return nil
        }
        return Array(sequence)
    }

    /// The value of `key`, reporting it when it is required and missing.
    mutating func field(_ fields: MappingFields, _ key: String, required: Bool, expected: String) -> Node? {
        if let value = fields.value(key) { return value }
        if required {
            report(fields.path(key), line: fields.line(of: key), "missing required key; expected \(expected)")
        }
        return nil
    }

    /// The text of scalar `key`, reporting a missing required key or a mapping or list.
    mutating func scalar(_ fields: MappingFields, _ key: String, required: Bool, expected: String) -> (text: String, node: Node)? {
        guard let node = field(fields, key, required: required, expected: expected) else { return nil }
        guard let text = node.scalarText else {
            report(fields.path(key), line: node.line, "expected \(expected), got \(node.described)")
            return nil
        }
        return (text, node)
    }

    // MARK: Scalars

    /// A duration; `positive` rejects zero, and negative durations are always rejected.
    mutating func duration(_ fields: MappingFields, _ key: String, required: Bool = true, positive: Bool = true) -> Nanoseconds? {
        guard let (text, node) = scalar(fields, key, required: required, expected: DurationParser.example) else { return nil }
        return checkedDuration(text, at: fields.path(key), line: node.line, positive: positive)
    }

    /// `text` as a duration, range-checked, or nil after reporting why not.
    mutating func checkedDuration(_ text: String, at path: String, line: Int?, positive: Bool) -> Nanoseconds? {
        let value: Nanoseconds
        do {
            value = try DurationParser.parse(text)
        } catch {
            report(path, line: line, error.message)
            return nil
        }
        if value < 0 {
            report(path, line: line, "must not be negative, got \(text)")
            return nil
        }
        if positive && value == 0 {
            report(path, line: line, "must be positive, got \(text)")
            return nil
        }
        return value
    }

    /// A positive rate (`20/s`).
    mutating func rate(_ fields: MappingFields, _ key: String, required: Bool = true, allowZero: Bool = false) -> Rate? {
        guard let (text, node) = scalar(fields, key, required: required, expected: "a rate like 20/s, 300/m or 1000/h") else {
            return nil
        }
        let rate: Rate
        do {
            rate = try RateParser.parse(text)
        } catch {
            report(fields.path(key), line: node.line, error.message)
            return nil
        }
        if rate.perSecond < 0 || (!allowZero && rate.perSecond == 0) {
            report(fields.path(key), line: node.line, "must be \(allowZero ? "zero or more" : "positive"), got \(text)")
            return nil
        }
        return rate
    }

    /// A whole number of at least `minimum`.
    mutating func integer(_ fields: MappingFields, _ key: String, required: Bool = true, minimum: Int) -> Int? {
        guard let (text, node) = scalar(fields, key, required: required, expected: "a whole number") else { return nil }
        guard let value = Int(text.replacingUnderscores()) else {
            report(fields.path(key), line: node.line, "expected a whole number, got \(node.described)")
            return nil
        }
        if value < minimum {
            report(fields.path(key), line: node.line, "must be at least \(minimum), got \(value)")
            return nil
        }
        return value
    }

    /// A finite number.
    mutating func number(_ fields: MappingFields, _ key: String, required: Bool = true, expected: String = "a number") -> Double? {
        guard let (text, node) = scalar(fields, key, required: required, expected: expected) else { return nil }
        guard let value = Double(text.replacingUnderscores()), value.isFinite else {
            report(fields.path(key), line: node.line, "expected \(expected), got \(node.described)")
            return nil
        }
        return value
    }

    /// One of `options`.
    mutating func choice(_ fields: MappingFields, _ key: String, required: Bool = true, options: [String], noun: String = "value") -> String? {
        let expected = "one of " + options.joined(separator: ", ")
        guard let (text, node) = scalar(fields, key, required: required, expected: expected) else { return nil }
        guard options.contains(text) else {
            report(fields.path(key), line: node.line, Self.unknown(noun, text, allowed: options))
            return nil
        }
        return text
    }

    /// A non-empty string.
    mutating func string(_ fields: MappingFields, _ key: String, required: Bool = true, expected: String = "a text") -> String? {
        guard let (text, node) = scalar(fields, key, required: required, expected: expected) else { return nil }
        if text.trimmingSpaces().isEmpty {
            report(fields.path(key), line: node.line, "must not be empty")
            return nil
        }
        return text
    }
}
