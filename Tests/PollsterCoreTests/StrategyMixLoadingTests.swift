import PollsterCore
import Testing

/// The scenario keys of the strategies whose keys share state (adaptive, budgeted,
/// headerPaced, presets) and of `population:`: what they load to, and their errors.
@Suite struct StrategyMixLoadingTests {
    static let s = Time.seconds

    static func load(_ strategies: String, extra: String = "") throws(ScenarioError) -> Scenario {
        let yaml = """
            workload:
              executions: 10
              arrival: { kind: poisson, rate: 2/s }
              duration: 10s
            strategies:
            \(strategies)
            \(extra)
            """
        return try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: ".")
    }

    static func problems(_ strategies: String, extra: String = "") -> [String] {
        do throws(ScenarioError) {
            _ = try load(strategies, extra: extra)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func wrappersLoadTheirBaseAndWhatTheKeyShares() throws {
        let scenario = try Self.load("""
              - { name: a, kind: adaptive }
              - { name: c, kind: adaptive, control: cubic, beta: 0.6, base: { kind: fixed, interval: 1s } }
              - { name: b, kind: budgeted, capacity: 10, base: { kind: adaptive, base: { kind: fixed, interval: 2s } } }
              - { name: h, kind: headerPaced, initialDelay: 500ms }
              - { name: g, kind: preset, preset: grpc }
            """)
        let s = scenario.strategies
        #expect(s[0].kind == .recommended && s[0].keyClient.gate == .aimd(AIMDParameters()) && s[0].kindName == "adaptive")
        #expect(s[1].kind == .fixed(interval: Self.s(1)) && s[1].keyClient.gate == .cubic(CubicParameters(scale: 0.4, beta: 0.6)))
        #expect(s[2].kind == .fixed(interval: Self.s(2)) && s[2].keyClient.gate == .aimd(AIMDParameters())
                && s[2].keyClient.budget == RetryBudgetPolicy(capacity: 10, deposit: 0.1, cost: 1))
        #expect(s[3].keyClient.headerPacing && s[3].initialDelay == Time.milliseconds(500))
        #expect(s[4] == StrategyPreset.grpc.spec(name: "g"))
    }

    @Test func wrapperErrorsNameTheKey() {
        #expect(Self.problems("  - { name: a, kind: adaptive, beta: 0.5 }")
                == ["t.yaml:6: strategies[0].beta: unknown key for control aimd; allowed: name, kind, initialDelay, base, control, increase, decrease"])
        #expect(Self.problems("  - { name: a, kind: adaptive, control: cubic, beta: 1.5 }")
                == ["t.yaml:6: strategies[0].beta: must be above 0 and below 1, got 1.5"])
        #expect(Self.problems("  - { name: a, kind: adaptive, base: { kind: adaptive } }")
                == ["t.yaml:6: strategies[0].base: the base strategy already has a send gate; wrap it once"])
        #expect(Self.problems("  - { name: a, kind: preset, preset: aws }").first?.contains("unknown preset \"aws\"") == true)
        #expect(Self.problems("  - { name: a, kind: budgeted, base: { kind: webhook } }").first?.contains("strategies[0].base.kind") == true)
    }

    @Test func aPopulationLoadsItsMembersAndShares() throws {
        let scenario = try Self.load("""
              - { name: docs, kind: recommended }
              - { name: fast, kind: fixed, interval: 1s }
            """, extra: "population: { name: mixed, shares: { docs: 0.75, fast: 0.25 } }")
        #expect(scenario.population == Population(name: "mixed", members: [.init(strategy: "docs", share: 0.75), .init(strategy: "fast", share: 0.25)]))
        #expect(scenario.population?.resultNames == ["docs@mixed", "fast@mixed"])
        #expect(scenario.runCount == 3)
    }

    @Test func populationErrorsNameTheKey() {
        let two = """
              - { name: docs, kind: recommended }
              - { name: fast, kind: fixed, interval: 1s }
              - { name: hook, kind: webhook }
            """
        #expect(Self.problems(two, extra: "population: { shares: { docs: 0.5, fast: 0.4 } }")
                == ["t.yaml:9: population.shares: the shares must sum to 1, got 0.9"])
        #expect(Self.problems(two, extra: "population: { shares: { docs: 0.5, slow: 0.5 } }").first?
                    .hasPrefix("t.yaml:9: population.shares.slow: unknown strategy \"slow\"") == true)
        #expect(Self.problems(two, extra: "population: { shares: { docs: 0.5, hook: 0.5 } }")
                == ["t.yaml:9: population.shares.hook: the webhook baseline sends no polls and cannot be mixed in"])
        #expect(Self.problems(two, extra: "population: { shares: { docs: 1 } }")
                == ["t.yaml:9: population.shares: a mix needs at least two strategies, got 1"])
    }

    /// The member draw follows the shares: 10,000 executions split 90/10 within 3 sigma.
    @Test func membersPollTheirShareOfTheExecutions() {
        let population = Population(members: [.init(strategy: "a", share: 0.9), .init(strategy: "b", share: 0.1)])
        let b = (0..<10_000).filter { population.member(seed: 7, index: $0) == 1 }.count
        #expect(abs(b - 1000) < 90, "\(b) of 10,000")
    }
}
