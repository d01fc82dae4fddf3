import PollsterCore
import Testing
@testable import PollsterPlan

/// Paths into a scenario: parsing, applying values through the loader, and the errors for
/// paths that do not exist and values of the wrong type.
@Suite struct ScenarioOverrideTests {
    func scenario(_ overrides: [(String, String)]) throws -> Scenario {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        return try template.scenario(with: overrides.map { ScenarioOverride(path: try ScenarioPath($0.0), value: $0.1) })
    }

    func error(_ overrides: [(String, String)]) -> String {
        do {
            _ = try scenario(overrides)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func pathsParse() throws {
        #expect(try ScenarioPath("strategies.expo.multiplier").segments == [.key("strategies"), .key("expo"), .key("multiplier")])
        #expect(try ScenarioPath("a[2][3].b").segments == [.key("a"), .index(2), .index(3), .key("b")])
        for bad in ["", "a..b", "a.", "[0].a", "a[x]", "a[1", ".a"] {
            #expect(throws: PlanError.self, "\(bad)") { try ScenarioPath(bad) }
        }
    }

    @Test func valuesReachTheTypedScenario() throws {
        let s = try scenario([
            ("strategies.expo.multiplier", "1.7"), ("server.rateLimits[0].rate", "12/s"),
            ("workload.arrival.rate", "30/m"), ("strategies.fixed-2s.initialDelay", "500ms"),
        ])
        #expect(s.strategies[1].kind == .exponential(initial: Time.seconds(1), multiplier: 1.7, max: Time.seconds(30), jitter: .none))
        #expect(s.server.rateLimits[0].algorithm == .tokenBucket(rate: Rate(perSecond: 12), burst: 10))
        #expect(s.workload.arrival == .poisson(Rate(perSecond: 0.5)))
        #expect(s.strategies[0].initialDelay == Time.milliseconds(500))
        // The template itself is untouched.
        #expect(try PlanFixtures.template(PlanFixtures.mixed).scenario.strategies[1].kind
                == .exponential(initial: Time.seconds(1), multiplier: 2, max: Time.seconds(30), jitter: .none))
    }

    @Test func unknownStrategyNamesTheOnesThatExist() {
        let message = error([("strategies.expot.multiplier", "2")])
        #expect(message == "strategies.expot.multiplier: no such value in the scenario; strategies has no item named \"expot\"; names there: fixed-2s, expo, docs")
    }

    @Test func indexPastTheEndSaysHowManyItems() {
        #expect(error([("server.rateLimits[5].rate", "2/s")]).contains("server.rateLimits has 2 items ([0]..[1])"))
    }

    @Test func unknownKeySuggestsTheClosestAndListsTheAllowedOnes() {
        let message = error([("strategies.expo.multipler", "2")])
        #expect(message.contains("with strategies.expo.multipler=2: strategies[1].multipler: unknown key for kind exponential (did you mean \"multiplier\"?)"), "\(message)")
        #expect(message.contains("allowed: name, kind, initialDelay, initial, multiplier, max, jitter"))
        #expect(error([("workload.arival.rate", "2/s")]).contains("workload.arival: unknown key (did you mean \"arrival\"?)"))
    }

    @Test func wrongTypeIsTheLoadersMessageWithTheLine() {
        let message = error([("workload.arrival.rate", "2s")])
        #expect(message.hasPrefix("with workload.arrival.rate=2s: workload.arrival.rate: "), "\(message)")
        #expect(message.contains("(t.yaml:4)"))
        #expect(error([("strategies.expo.multiplier", "fast")]).contains("expected a number, got \"fast\""))
        #expect(error([("strategies.expo.multiplier", "0.5")]).contains("must be at least 1"))
    }

    @Test func descendingIntoAScalarIsExplained() {
        #expect(error([("server.latency.median", "5ms")]).contains("server.latency is the single value \"50ms\"; vary server.latency itself"))
        #expect(error([("strategies[0]", "x")]).contains("strategies[0]: expected a strategy"))
    }

    @Test func strategyYAMLCarriesTheOverrides() throws {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let yaml = try template.strategyYAML(named: "expo", with: [ScenarioOverride(path: .strategy("expo", "initial"), value: "1.5s")])
        #expect(yaml == "{ name: expo, kind: exponential, initial: 1.5s, multiplier: 2, max: 30s }")
    }
}
