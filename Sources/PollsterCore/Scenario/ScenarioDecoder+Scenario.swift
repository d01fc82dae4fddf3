import Yams

extension ScenarioDecoder {
    static let scenarioKeys = [
        "name", "description", "seed", "mode", "target", "apiKeyEnv", "timeScale",
        "workload", "server", "strategies", "client", "report", "live", "thresholds", "population",
    ]
    static let populationKeys = ["name", "shares"]
    static let clientKeys = ["timeout", "retryAfter"]
    static let reportKeys = ["out", "formats", "bucket"]

    /// The whole scenario from the document's root node; nil when there were problems.
    mutating func scenario(_ root: Node?, defaultName: String) -> Scenario? {
        guard let root, !root.isNull else {
            report("", line: nil, "the file is empty; a scenario needs at least workload and strategies")
            return nil
        }
        guard let fields = mapping(root, at: "", line: root.line, expected: "a scenario mapping with keys " + Self.scenarioKeys.joined(separator: ", ")) else {
            return nil
        }
        checkKeys(fields, allowed: Self.scenarioKeys)
        let name = fields.has("name") ? string(fields, "name", expected: "a name for reports") : defaultName
        let description = fields.has("description") ? string(fields, "description", expected: "a text") : nil
        let seed = self.seed(fields)
        let mode = choice(fields, "mode", required: false, options: ["simulate", "live"]).flatMap(RunMode.init(rawValue:))
        let target = self.target(fields)
        let apiKeyEnv = self.apiKeyEnv(fields)
        let timeScaleIsAuto = fields.value("timeScale")?.scalarText == "auto"
        let timeScale = timeScaleIsAuto ? 1 : self.timeScale(fields, mode: mode ?? .simulate, target: target ?? .embedded)
        var workload: Workload?
        if let node = field(fields, "workload", required: true, expected: "a mapping with keys " + Self.workloadKeys.joined(separator: ", ")) {
            workload = self.workload(node, at: "workload", line: fields.line(of: "workload"))
        }
        var server: ServerModel?
        if let node = fields.value("server") {
            server = serverModel(node, at: "server", line: fields.line(of: "server"))
        }
        var strategies: [StrategySpec]?
        if let node = field(fields, "strategies", required: true, expected: "a list of strategies such as [{name: fixed-2s, kind: fixed, interval: 2s}]") {
            strategies = self.strategies(node, at: "strategies", line: fields.line(of: "strategies"))
        }
        var client: ClientPolicy?
        if let node = fields.value("client") {
            client = clientPolicy(node, at: "client", line: fields.line(of: "client"))
        }
        var reportOptions: ReportOptions?
        if let node = fields.value("report") {
            reportOptions = self.reportOptions(node, at: "report", line: fields.line(of: "report"), name: name ?? defaultName)
        }
        var live = LiveSettings()
        if let node = fields.value("live") {
            live = liveSettings(node, at: "live", line: fields.line(of: "live"), baseDirectory: baseDirectory) ?? live
        }

        var population: Population?
        if let node = fields.value("population") {
            population = self.population(node, at: "population", line: fields.line(of: "population"), strategies: strategies)
        }

        var thresholds: [Threshold]?
        if let node = fields.value("thresholds") {
            let names = strategies.map { $0.map(\.name) + (population?.resultNames ?? []) }
            thresholds = self.thresholds(node, at: "thresholds", line: fields.line(of: "thresholds"), strategies: names)
        }

        guard problems.isEmpty, let name, let seed, let target, let timeScale, let workload, let strategies else {
            return nil
        }
        return Scenario(
            name: name, seed: seed, mode: mode ?? .simulate, target: target, apiKeyEnv: apiKeyEnv,
            timeScale: timeScale, timeScaleIsAuto: timeScaleIsAuto, workload: workload, server: server ?? ServerModel(), strategies: strategies,
            client: client ?? ClientPolicy(), report: reportOptions, description: description, live: live,
            thresholds: thresholds ?? [], population: population
        )
    }

    /// `population: {name: mix, shares: {docs: 0.9, fixed-1s: 0.1}}`: at least two
    /// strategies of the scenario (by name, not the webhook baseline), each share above 0,
    /// the shares summing to 1.
    private mutating func population(_ node: Node, at path: String, line: Int?, strategies: [StrategySpec]?) -> Population? {
        let example = "a mapping such as {name: mix, shares: {docs: 0.9, fixed-1s: 0.1}}"
        guard let fields = mapping(node, at: path, line: line, expected: example) else { return nil }
        checkKeys(fields, allowed: Self.populationKeys)
        let name = fields.has("name") ? string(fields, "name", expected: "a name for the mix in reports") : "mix"
        if let name, name.contains("@") || name.contains(",") {
            report(fields.path("name"), line: fields.line(of: "name"), "must not contain @ or a comma, got \(DurationParser.quoted(name, whole: true))")
        }
        guard let sharesNode = field(fields, "shares", required: true, expected: "a mapping of strategy names to shares such as {docs: 0.9, fixed-1s: 0.1}"),
              let shares = mapping(sharesNode, at: fields.path("shares"), line: fields.line(of: "shares"),
                                   expected: "a mapping of strategy names to shares such as {docs: 0.9, fixed-1s: 0.1}")
        else { return nil }
        var members: [Population.Member] = []
        var valid = true
        for key in shares.keys {
            guard let share = number(shares, key, expected: "a share between 0 and 1") else {
                valid = false
                continue
            }
            if !(share > 0 && share <= 1) {
                report(shares.path(key), line: shares.line(of: key), "a share must be above 0 and at most 1, got \(Time.trimmed(share))")
                valid = false
            }
            if let strategies {
                if let spec = strategies.first(where: { $0.name == key }) {
                    if case .webhook = spec.kind {
                        report(shares.path(key), line: shares.line(of: key), "the webhook baseline sends no polls and cannot be mixed in")
                        valid = false
                    }
                } else {
                    report(shares.path(key), line: shares.line(of: key), Self.unknown("strategy", key, allowed: strategies.map(\.name)))
                    valid = false
                }
            }
            members.append(Population.Member(strategy: key, share: share))
        }
        guard valid else { return nil }
        if members.count < 2 {
            report(fields.path("shares"), line: fields.line(of: "shares"), "a mix needs at least two strategies, got \(members.count)")
            return nil
        }
        let total = members.reduce(0) { $0 + $1.share }
        if abs(total - 1) > 1e-6 {
            report(fields.path("shares"), line: fields.line(of: "shares"), "the shares must sum to 1, got \(Time.trimmed(total))")
            return nil
        }
        guard let name else { return nil }
        return Population(name: name, members: members)
    }

    private mutating func seed(_ fields: MappingFields) -> UInt64? {
        guard let (text, node) = scalar(fields, "seed", required: false, expected: "a whole number of 0 or more") else {
            return fields.has("seed") ? nil : 1
        }
        guard let seed = UInt64(text.replacingUnderscores()) else {
            report(fields.path("seed"), line: node.line, "expected a whole number of 0 or more (at most 2^64-1), got \(node.described)")
            return nil
        }
        return seed
    }

    private mutating func target(_ fields: MappingFields) -> Target? {
        let expected = "embedded or an http(s) URL such as https://api.example.com"
        guard let (text, node) = scalar(fields, "target", required: false, expected: expected) else {
            return fields.has("target") ? nil : .embedded
        }
        if text == "embedded" { return .embedded }
        if let problem = TargetURL.problem(with: text) {
            report(fields.path("target"), line: node.line, problem + "; expected " + expected)
            return nil
        }
        return .url(text)
    }

    /// The variable's name, nil when absent or invalid (invalid ones are reported).
    private mutating func apiKeyEnv(_ fields: MappingFields) -> String? {
        let expected = "the name of an environment variable such as POLLSTER_API_KEY"
        guard let (text, node) = scalar(fields, "apiKeyEnv", required: false, expected: expected) else { return nil }
        let isName = text.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        guard isName else {
            report(fields.path("apiKeyEnv"), line: node.line,
                   "expected \(expected) (letters, digits and _), got \(node.described); never put the key itself in a scenario")
            return nil
        }
        return text
    }

    private mutating func timeScale(_ fields: MappingFields, mode: RunMode, target: Target) -> Double? {
        guard fields.has("timeScale") else { return 1 }
        guard let value = number(fields, "timeScale", expected: "a positive number of scenario seconds per wall second, or auto") else { return nil }
        guard value > 0 else {
            report(fields.path("timeScale"), line: fields.line(of: "timeScale"), "must be positive, got \(Time.trimmed(value))")
            return nil
        }
        // A simulation ignores it (see ``Scenario/notes``), so that switching a live
        // scenario's mode to simulate is the one-word edit it looks like; a real API cannot
        // run faster than real time.
        if value != 1 && mode == .live && target != .embedded {
            report(fields.path("timeScale"), line: fields.line(of: "timeScale"),
                   "only applies to live runs against the embedded target, not with target \(target.description); remove it or set it to 1")
            return nil
        }
        return value
    }

    /// The `client` section.
    mutating func clientPolicy(_ node: Node, at path: String, line: Int?) -> ClientPolicy? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping with keys " + Self.clientKeys.joined(separator: ", ")) else {
            return nil
        }
        checkKeys(fields, allowed: Self.clientKeys)
        let timeout = fields.has("timeout") ? duration(fields, "timeout") : ClientPolicy().timeout
        let retryAfter = fields.has("retryAfter")
            ? choice(fields, "retryAfter", options: ["honor", "ignore"]).flatMap(ClientPolicy.RetryAfter.init(rawValue:))
            : .honor
        guard let timeout, let retryAfter else { return nil }
        return ClientPolicy(timeout: timeout, retryAfter: retryAfter)
    }

    /// The `report` section; `out` defaults to `reports/<name>`.
    mutating func reportOptions(_ node: Node, at path: String, line: Int?, name: String) -> ReportOptions? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping with keys " + Self.reportKeys.joined(separator: ", ")) else {
            return nil
        }
        checkKeys(fields, allowed: Self.reportKeys)
        let out = fields.has("out") ? string(fields, "out", expected: "a directory") : "reports/\(name)"
        let formats = fields.value("formats").map { reportFormats($0, at: fields.path("formats"), line: fields.line(of: "formats")) }
            ?? ReportOptions.defaultFormats
        let bucket = fields.has("bucket") ? duration(fields, "bucket") : Time.seconds(1)
        guard let out, let formats, let bucket else { return nil }
        return ReportOptions(out: out, formats: formats, bucket: bucket)
    }

    private mutating func reportFormats(_ node: Node, at path: String, line: Int?) -> [ReportFormat]? {
        let names = ReportFormat.allCases.map(\.rawValue)
        guard let items = sequence(node, at: path, line: line, expected: "a list such as [csv, json, html]") else { return nil }
        guard !items.isEmpty else {
            report(path, line: node.line ?? line, "the list is empty; allowed: " + names.joined(separator: ", "))
            return nil
        }
        var formats: [ReportFormat]? = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let text = item.scalarText, let format = ReportFormat(rawValue: text) else {
                let message = item.scalarText.map { Self.unknown("format", $0, allowed: names) }
                    ?? "expected one of \(names.joined(separator: ", ")), got \(item.described)"
                report(itemPath, line: item.line, message)
                formats = nil
                continue
            }
            if !seen.insert(text).inserted {
                report(itemPath, line: item.line, "\(text) is listed twice; list each format once")
                formats = nil
            }
            formats?.append(format)
        }
        return formats
    }
}
