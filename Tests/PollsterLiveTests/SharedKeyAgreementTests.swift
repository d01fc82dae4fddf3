import Foundation
import PollsterCore
import PollsterLiveRunner
import PollsterSim
import Testing
@testable import PollsterLive

/// The strategies whose executions share state per API key, and a population, simulated
/// and run live against the embedded server: the same ``KeyClient`` and ``ClientLoop``
/// drive both, so requests by status class agree within 5% (at least 1), the 429 rate
/// within 0.02 and the endings within 5% of the executions, as for the faults
/// (``ServerFaultAgreementTests``).
@Suite(.serialized) struct SharedKeyAgreementTests {
    static let s = Time.seconds

    enum Case: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case adaptiveAIMD, adaptiveCubic, budgeted, headerPaced, clientGo

        var testDescription: String { rawValue }

        var strategy: StrategySpec {
            var spec = StrategySpec(name: rawValue, kind: .fixed(interval: SharedKeyAgreementTests.s(1)))
            switch self {
            case .adaptiveAIMD: spec.keyClient.gate = .aimd(AIMDParameters())
            case .adaptiveCubic: spec.keyClient.gate = .cubic(CubicParameters())
            case .budgeted: spec.keyClient.budget = RetryBudgetPolicy(capacity: 5, deposit: 0.1, cost: 1)
            case .headerPaced: spec.keyClient.headerPacing = true
            case .clientGo: spec = StrategyPreset.clientGo.spec(name: rawValue)
            }
            return spec
        }

        func configure(_ server: inout ServerModel) {
            if self == .headerPaced {
                // A fixed window that tells its clients what is left.
                server.rateLimits = [RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 12, window: SharedKeyAgreementTests.s(3)))]
                server.rejection = RejectionStyle(headers: [.ietf])
            }
        }
    }

    @Test(arguments: Case.allCases)
    func simulationAndLiveAgree(_ test: Case) async throws {
        var scenario = ServerFaultAgreementTests.scenario(test.configure)
        scenario.strategies = [test.strategy]
        let (sim, live) = try await ServerFaultAgreementTests.both(scenario)
        ServerFaultAgreementTests.expectAgreement(sim, live, test.rawValue)
        #expect(sim.responses429 > 10 || test == .headerPaced, "\(test): \(sim.responses429) rejections simulated")
    }

    /// A population live: its members on one server, each row agreeing with the
    /// simulation's, and the strategies alone beside it.
    @Test func aPopulationAgreesLiveAndSimulated() async throws {
        var scenario = ServerFaultAgreementTests.scenario { _ in }
        scenario.strategies = [StrategySpec(name: "calm", kind: .fixed(interval: Self.s(2))),
                               StrategySpec(name: "eager", kind: .fixed(interval: Time.milliseconds(800)))]
        scenario.population = Population(members: [.init(strategy: "calm", share: 0.8), .init(strategy: "eager", share: 0.2)])
        var simulated = scenario
        simulated.mode = .simulate
        let sim = await Simulator(scenario: simulated).run()
        var live = try await LiveRunner(scenario: scenario).run()
        if live.strategies.contains(where: { $0.metrics.live?.saturation?.isSaturated == true }) {
            scenario.timeScale = 2
            live = try await LiveRunner(scenario: scenario).run()
        }
        #expect(live.strategies.map(\.name) == ["calm", "eager", "calm@mix", "eager@mix"])
        #expect(sim.strategies.map(\.name) == live.strategies.map(\.name))
        for (a, b) in zip(sim.strategies, live.strategies) {
            ServerFaultAgreementTests.expectAgreement(a.metrics, b.metrics, b.name)
        }
        // The members' executions add up to the workload's, in both engines.
        #expect(live.strategies[2].metrics.executions + live.strategies[3].metrics.executions == 80)
        #expect(live.strategies[3].metrics.executions == sim.strategies[3].metrics.executions)
    }
}
