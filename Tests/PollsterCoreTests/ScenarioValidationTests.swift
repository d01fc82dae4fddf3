import Foundation
import PollsterCore
import Testing

/// One invalid scenario and the exact problems it must produce.
struct InvalidScenario: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var expected: [String]
    var testDescription: String { label }
}

@Suite("ScenarioLoader: validation")
struct ScenarioValidationTests {
    static let strategyLine = "  - { name: fixed-2s, kind: fixed, interval: 2s }"

    /// `minimal` (6 lines) with `old` replaced by `new`.
    static func edit(_ old: String, _ new: String) -> String {
        ScenarioFixtures.minimal.replacingOccurrences(of: old, with: new)
    }

    /// `minimal` with `lines` appended (they start at line 7).
    static func adding(_ lines: String) -> String {
        ScenarioFixtures.minimal + "\n" + lines
    }

    static let cases: [InvalidScenario] = [
        InvalidScenario(
            label: "unknown key with a suggestion",
            yaml: edit("  arrival:", "  arival:"),
            expected: [
                "t.yaml:1: workload.arrival: missing required key; expected an arrival process such as {kind: poisson, rate: 20/s}",
                "t.yaml:3: workload.arival: unknown key (did you mean \"arrival\"?); allowed: executions, arrival, duration, queueTime, outcomes, apiKeys, progress",
            ]),
        InvalidScenario(
            label: "unknown top-level key",
            yaml: adding("colour: blue"),
            expected: [
                "t.yaml:7: colour: unknown key; allowed: name, description, seed, mode, target, apiKeyEnv, timeScale, workload, server, strategies, client, report, live, thresholds, population",
            ]),
        InvalidScenario(
            label: "unknown key for a strategy kind",
            yaml: edit("interval: 2s }", "interval: 2s, multiplier: 2 }"),
            expected: [
                "t.yaml:6: strategies[0].multiplier: unknown key for kind fixed; allowed: name, kind, initialDelay, interval",
            ]),
        InvalidScenario(
            label: "wrong type",
            yaml: edit(strategyLine, "  - { name: expo, kind: exponential, initial: 2s, multiplier: fast, max: 30s }"),
            expected: ["t.yaml:6: strategies[0].multiplier: expected a number, got \"fast\""]),
        InvalidScenario(
            label: "a mapping where a number belongs",
            yaml: edit("executions: 10", "executions: { count: 10 }"),
            expected: ["t.yaml:2: workload.executions: expected a whole number, got a mapping"]),
        InvalidScenario(
            label: "missing required key",
            yaml: edit(strategyLine, "  - { name: fixed-2s, kind: fixed }"),
            expected: ["t.yaml:6: strategies[0].interval: missing required key; expected a duration like 250ms, 2s or 10m"]),
        InvalidScenario(
            label: "missing strategies",
            yaml: "workload:\n  executions: 1\n  arrival: { kind: burst }\n  duration: 1s\n",
            expected: [
                "t.yaml:1: strategies: missing required key; expected a list of strategies such as [{name: fixed-2s, kind: fixed, interval: 2s}]",
            ]),
        InvalidScenario(
            label: "zero duration",
            yaml: edit("interval: 2s", "interval: 0s"),
            expected: ["t.yaml:6: strategies[0].interval: must be positive, got 0s"]),
        InvalidScenario(
            label: "negative duration",
            yaml: adding("client: { timeout: -1m }"),
            expected: ["t.yaml:7: client.timeout: must not be negative, got -1m"]),
        InvalidScenario(
            label: "bad unit",
            yaml: edit("duration: 20s", "duration: 20sec"),
            expected: ["t.yaml:4: workload.duration: unknown unit \"sec\" in \"20sec\"; allowed units: ns, us, ms, s, m, h"]),
        InvalidScenario(
            label: "missing unit",
            yaml: edit("rate: 2/s", "rate: 2"),
            expected: ["t.yaml:3: workload.arrival.rate: missing unit in \"2\"; write it as 2/s, 2/m or 2/h"]),
        InvalidScenario(
            label: "probabilities not summing to 1",
            yaml: edit("  duration: 20s", "  duration: 20s\n  outcomes: { completed: 0.9, failed: 0.05 }"),
            expected: [
                "t.yaml:5: workload.outcomes: probabilities sum to 0.95; completed, failed and cancelled must sum to 1 (missing ones count as 0)",
            ]),
        InvalidScenario(
            label: "probability above 1",
            yaml: edit("  duration: 20s", "  duration: 20s\n  outcomes: { completed: 1.5 }"),
            expected: ["t.yaml:5: workload.outcomes.completed: must be a probability between 0 and 1, got 1.5"]),
        InvalidScenario(
            label: "lognormal p95 not above the median",
            yaml: edit("duration: 20s", "duration: { kind: lognormal, median: 20s, p95: 20s }"),
            expected: ["t.yaml:4: workload.duration.p95: must be above the median (20s), got 20s"]),
        InvalidScenario(
            label: "lognormal p99 below the median",
            yaml: edit("duration: 20s", "duration: { kind: lognormal, median: 20s, p99: 5s }"),
            expected: ["t.yaml:4: workload.duration.p99: must be above the median (20s), got 5s"]),
        InvalidScenario(
            label: "lognormal with both percentiles",
            yaml: edit("duration: 20s", "duration: { kind: lognormal, median: 20s, p95: 30s, p99: 40s }"),
            expected: ["t.yaml:4: workload.duration.p99: give either p95 or p99, not both"]),
        InvalidScenario(
            label: "empty strategy list",
            yaml: edit("strategies:\n" + strategyLine, "strategies: []"),
            expected: [
                "t.yaml:5: strategies: the list is empty; give at least one strategy such as {name: fixed-2s, kind: fixed, interval: 2s}",
            ]),
        InvalidScenario(
            label: "duplicate strategy names",
            yaml: adding("  - { name: fixed-2s, kind: recommended }"),
            expected: [
                "t.yaml:7: strategies[1].name: duplicate strategy name \"fixed-2s\" (also strategies[0], line 6); names must be unique",
            ]),
        InvalidScenario(
            label: "multiplier below 1",
            yaml: edit(strategyLine, "  - { name: expo, kind: exponential, initial: 2s, multiplier: 0.5, max: 30s }"),
            expected: ["t.yaml:6: strategies[0].multiplier: must be at least 1 (a backoff never shrinks), got 0.5"]),
        InvalidScenario(
            label: "max below initial",
            yaml: edit(strategyLine, "  - { name: expo, kind: exponential, initial: 2s, multiplier: 2, max: 1s }"),
            expected: ["t.yaml:6: strategies[0].max: must not be below initial (2s), got 1s"]),
        InvalidScenario(
            label: "unknown jitter",
            yaml: edit(strategyLine, "  - { name: expo, kind: exponential, initial: 2s, multiplier: 2, max: 8s, jitter: fulll }"),
            expected: [
                "t.yaml:6: strategies[0].jitter: expected none, full, equal or a fraction such as 0.2 (proportional), got \"fulll\" (did you mean \"full\"?)",
            ]),
        InvalidScenario(
            label: "uniform min above max",
            yaml: edit("duration: 20s", "duration: { kind: uniform, min: 30s, max: 20s }"),
            expected: ["t.yaml:4: workload.duration.max: must not be below min (30s), got 20s"]),
        InvalidScenario(
            label: "unknown kind with a suggestion",
            yaml: edit("kind: poisson", "kind: posson"),
            expected: [
                "t.yaml:3: workload.arrival.kind: unknown kind \"posson\" (did you mean \"poisson\"?); allowed: poisson, uniform, burst, ramp",
            ]),
        InvalidScenario(
            label: "invalid URL target",
            yaml: "target: ftp://example.com\n" + ScenarioFixtures.minimal,
            expected: [
                "t.yaml:1: target: \"ftp://example.com\" is not embedded and not an http(s) URL; expected embedded or an http(s) URL such as https://api.example.com",
            ]),
        InvalidScenario(
            label: "URL with credentials",
            yaml: "target: https://user:secret@example.com\n" + ScenarioFixtures.minimal,
            expected: [
                "t.yaml:1: target: credentials do not belong in a scenario URL; put the API key in an environment variable and name it with apiKeyEnv; expected embedded or an http(s) URL such as https://api.example.com",
            ]),
        InvalidScenario(
            label: "URL with a bad port",
            yaml: "target: http://localhost:99999\n" + ScenarioFixtures.minimal,
            expected: [
                "t.yaml:1: target: the URL \"http://localhost:99999\" has an invalid port \"99999\"; ports are 1-65535; expected embedded or an http(s) URL such as https://api.example.com",
            ]),
        InvalidScenario(
            label: "timeScale against a real API",
            yaml: "mode: live\ntarget: http://127.0.0.1:8080\ntimeScale: 60\n" + ScenarioFixtures.minimal,
            expected: [
                "t.yaml:3: timeScale: only applies to live runs against the embedded target, not with target http://127.0.0.1:8080; remove it or set it to 1",
            ]),
        InvalidScenario(
            label: "API key instead of its variable name",
            yaml: "apiKeyEnv: sk-live-123\n" + ScenarioFixtures.minimal,
            expected: [
                "t.yaml:1: apiKeyEnv: expected the name of an environment variable such as POLLSTER_API_KEY (letters, digits and _), got \"sk-live-123\"; never put the key itself in a scenario",
            ]),
        InvalidScenario(
            label: "negative seed",
            yaml: "seed: -1\n" + ScenarioFixtures.minimal,
            expected: ["t.yaml:1: seed: expected a whole number of 0 or more (at most 2^64-1), got \"-1\""]),
        InvalidScenario(
            label: "rate limit with a bad algorithm and scope",
            yaml: adding("server:\n  rateLimits:\n    - { scope: key, algorithm: leakyBucket, rate: 1/s }"),
            expected: [
                "t.yaml:9: server.rateLimits[0].scope: unknown value \"key\"; allowed: apiKey, global",
                "t.yaml:9: server.rateLimits[0].algorithm: unknown algorithm \"leakyBucket\"; allowed: tokenBucket, gcra, fixedWindow, slidingWindowLog, slidingWindowCounter, concurrency",
            ]),
        InvalidScenario(
            label: "report format",
            yaml: adding("report: { formats: [csv, pdf] }"),
            expected: ["t.yaml:7: report.formats[1]: unknown format \"pdf\"; allowed: csv, json, html, hgrm, executions"]),
        InvalidScenario(
            label: "YAML syntax error",
            yaml: "workload:\n  executions: 10\n   arrival: 2\n",
            expected: ["t.yaml:3: YAML syntax error: mapping values are not allowed in this context"]),
        InvalidScenario(
            label: "key written twice",
            yaml: "seed: 1\nseed: 2\n" + ScenarioFixtures.minimal,
            expected: ["t.yaml:1: key \"seed\" appears more than once in one mapping (first here); each key may appear once"]),
        InvalidScenario(
            label: "empty document",
            yaml: "# nothing here\n",
            expected: ["t.yaml: the file is empty; a scenario needs at least workload and strategies"]),
        InvalidScenario(
            label: "a list at the top",
            yaml: "- 1\n- 2\n",
            expected: [
                "t.yaml:1: expected a scenario mapping with keys name, description, seed, mode, target, apiKeyEnv, timeScale, workload, server, strategies, client, report, live, thresholds, population, got a list",
            ]),
    ]

    @Test(arguments: cases)
    func reportsTheProblem(scenario: InvalidScenario) {
        #expect(ScenarioFixtures.problems(scenario.yaml) == scenario.expected)
    }

    @Test func theMinimalScenarioIsValid() {
        #expect(ScenarioFixtures.problems(ScenarioFixtures.minimal) == [])
    }

    @Test func moreExecutionsThanTheSimulatorCanNumberAreRefused() {
        let yaml = ScenarioFixtures.minimal.replacingOccurrences(of: "executions: 10", with: "executions: 34359738369")
        #expect(ScenarioFixtures.problems(yaml) == ["t.yaml:2: workload.executions: must be at most 34359738368, got 34359738369"])
        #expect(ScenarioFixtures.problems(yaml.replacingOccurrences(of: "34359738369", with: "34359738368")) == [])
    }

    @Test func everyProblemIsReportedInFileOrder() {
        let yaml = """
            name: many
            mode: simulat
            workload:
              executions: 0
              arrival: { kind: poisson, rate: fast }
              duration: { kind: lognormal, median: 20s, p95: 10s }
              apiKeys: two
            strategies:
              - { name: a, kind: fixed, interval: 0s }
              - { name: a, kind: exponential, initial: 2s, multiplier: 0.5, max: 1s }
              - { kind: webhok }
            client: { retryAfter: obey }
            """
        let problems = ScenarioFixtures.problems(yaml)
        #expect(problems == [
            "t.yaml:2: mode: unknown value \"simulat\" (did you mean \"simulate\"?); allowed: simulate, live",
            "t.yaml:4: workload.executions: must be at least 1, got 0",
            "t.yaml:5: workload.arrival.rate: expected a rate like 20/s, 300/m or 1000/h, got \"fast\"",
            "t.yaml:6: workload.duration.p95: must be above the median (20s), got 10s",
            "t.yaml:7: workload.apiKeys: expected a whole number, got \"two\"",
            "t.yaml:9: strategies[0].interval: must be positive, got 0s",
            "t.yaml:10: strategies[1].multiplier: must be at least 1 (a backoff never shrinks), got 0.5",
            "t.yaml:10: strategies[1].max: must not be below initial (2s), got 1s",
            "t.yaml:10: strategies[1].name: duplicate strategy name \"a\" (also strategies[0], line 9); names must be unique",
            "t.yaml:11: strategies[2].name: missing required key; expected a unique name for reports",
            "t.yaml:11: strategies[2].kind: unknown kind \"webhok\" (did you mean \"webhook\"?); allowed: fixed, exponential, decorrelatedJitter, recommended, progressAware, webhook, adaptive, budgeted, headerPaced, preset",
            "t.yaml:12: client.retryAfter: unknown value \"obey\"; allowed: honor, ignore",
        ])
    }

    @Test func aMissingFileIsOneClearLine() {
        #expect(throws: ScenarioError(problems: [
            ScenarioProblem(file: "/nonexistent/x.yaml", line: nil, path: "", message: "cannot read the scenario file: No such file or directory"),
        ])) {
            try ScenarioLoader.load(path: "/nonexistent/x.yaml")
        }
    }

    @Test func errorDescriptionIsOneProblemPerLine() {
        let error = ScenarioError(problems: [
            ScenarioProblem(file: "a.yaml", line: 3, path: "workload.executions", message: "must be at least 1, got 0"),
            ScenarioProblem(file: "a.yaml", line: nil, path: "", message: "the file is empty"),
        ])
        #expect(error.description == "a.yaml:3: workload.executions: must be at least 1, got 0\na.yaml: the file is empty")
    }
}
