import Foundation
import HTTPTypes
@testable import MockServer
import PollsterCore
import Testing

/// The mock's decision path, driven with explicit scenario times (no HTTP, no clock).
struct ExecutionAPITests {
    let api = ExecutionAPI(configuration: MockFixtures.configuration(), epoch: 1_790_000_000_000_000_000)

    func get(_ id: String, include: [Substring] = [], key: String? = MockFixtures.readWrite, at time: Nanoseconds) -> APIResult {
        api.respond(to: APIRequest(.getExecution(id: id, include: include), apiKey: key.map { $0[...] }), at: time)
    }

    func resource(_ result: APIResult) throws -> ExecutionResource {
        try JSONDecoder().decode(ExecutionResource.self, from: Data(result.body))
    }

    @Test func statusFollowsThePlanOnTheScenarioClock() throws {
        let plan = ExecutionPlan(index: 0, createdAt: Time.seconds(1), queueTime: Time.seconds(2), runTime: Time.seconds(4), outcome: .completed)
        let id = api.store.register(plan, flowId: "flow_a")
        #expect(get(id, at: Time.seconds(0.5)).status == .notFound)
        let pending = try resource(get(id, at: Time.seconds(2)))
        #expect(pending.status == .pending && pending.progress == nil && pending.completedAt == nil)
        let running = try resource(get(id, at: Time.seconds(4)))
        #expect(running.status == .running)
        #expect(running.progress == .init(step: "fetch-data", percentage: 25))
        let later = try resource(get(id, at: Time.seconds(6.5)))
        #expect(later.progress == .init(step: "publish", percentage: 87.5))
        let done = try resource(get(id, at: Time.seconds(7)))
        #expect(done.status == .completed && done.output != nil && done.error == nil)
        #expect(done.createdAt == "2026-09-21T14:13:21.000Z")
        #expect(done.completedAt == "2026-09-21T14:13:27.000Z")
        #expect(done.flowId == "flow_a" && done.version == "1" && done.id == id)
    }

    @Test func aRetiredExecutionIsForgotten() throws {
        let first = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(1)), flowId: "f")
        let second = api.store.register(ExecutionPlan(index: 1, createdAt: 0, runTime: Time.seconds(1)), flowId: "f")
        #expect(get(first, at: Time.seconds(2)).status == .ok)
        #expect(api.store.retire(first))
        #expect(!api.store.retire(first), "retiring twice finds nothing the second time")
        #expect(get(first, at: Time.seconds(2)).status == .notFound)
        #expect(get(second, at: Time.seconds(2)).status == .ok, "the others are untouched")
        #expect(api.store.held == 1 && api.store.count == 2)
        // A new execution never reuses a retired one's id.
        let third = api.store.register(ExecutionPlan(index: 2, createdAt: 0, runTime: Time.seconds(1)), flowId: "f")
        #expect(third != first && third != second && api.store.count == 3)
    }

    @Test func failedExecutionsCarryTheError() throws {
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(1), outcome: .failed), flowId: "f")
        let failed = try resource(get(id, at: Time.seconds(1)))
        #expect(failed.status == .failed)
        #expect(failed.error == .init(code: "STEP_FAILED", message: "Step publish failed: the upstream service returned an error", step: "publish"))
        #expect(failed.output == nil)
    }

    @Test func includeAddsArtifactsAndMetrics() throws {
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, queueTime: Time.seconds(1), runTime: Time.seconds(8)), flowId: "f")
        let plain = try resource(get(id, at: Time.seconds(5)))
        #expect(plain.artifacts == nil && plain.metrics == nil)
        let full = try resource(get(id, include: ["artifacts", "metrics"], at: Time.seconds(5)))
        #expect(full.metrics == .init(queueMs: 1000, runMs: 4000, stepsCompleted: 2, stepsTotal: 4))
        #expect(full.artifacts?.keys.sorted() == ["fetch-data", "validate-input"])
        let split = try resource(get(id, include: ["metrics", "artifacts"], at: Time.seconds(5)))
        #expect(split == full)
        let bad = get(id, include: ["metrics,bogus"], at: Time.seconds(5))
        #expect(bad.status == .badRequest)
    }

    @Test func authenticationAndScopes() {
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(1)), flowId: "f")
        #expect(get(id, key: nil, at: 0).status == .unauthorized)
        #expect(get(id, key: "nope", at: 0).status == .unauthorized)
        #expect(get(id, key: MockFixtures.writeOnly, at: 0).status == .forbidden)
        #expect(get(id, key: MockFixtures.readOnly, at: 0).status == .ok)
        let create = APIRequest(.createExecution(flowId: "f", body: nil), apiKey: MockFixtures.readOnly[...])
        #expect(api.respond(to: create, at: 0).status == .forbidden)
        let cancel = APIRequest(.cancelExecution(id: id), apiKey: MockFixtures.readOnly[...])
        #expect(api.respond(to: cancel, at: 0).status == .forbidden)
    }

    @Test func cancelCutsThePlanShortAndThenConflicts() throws {
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(10)), flowId: "f")
        let cancel = APIRequest(.cancelExecution(id: id), apiKey: MockFixtures.readWrite[...])
        let first = api.respond(to: cancel, at: Time.seconds(4))
        #expect(first.status == .ok)
        #expect(try resource(first).status == .cancelled)
        #expect(try resource(get(id, at: Time.seconds(3))).status == .running)
        let after = try resource(get(id, include: ["metrics"], at: Time.seconds(5)))
        #expect(after.status == .cancelled)
        #expect(after.completedAt == "2026-09-21T14:13:24.000Z")
        #expect(after.metrics?.stepsCompleted == 1)
        #expect(api.respond(to: cancel, at: Time.seconds(5)).status == .conflict)
        let unknown = APIRequest(.cancelExecution(id: "exec_nope"), apiKey: MockFixtures.readWrite[...])
        #expect(api.respond(to: unknown, at: 0).status == .notFound)
    }

    @Test func cancellingAPendingExecution() throws {
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, queueTime: Time.seconds(5), runTime: Time.seconds(10)), flowId: "f")
        let cancel = APIRequest(.cancelExecution(id: id), apiKey: MockFixtures.readWrite[...])
        #expect(api.respond(to: cancel, at: Time.seconds(2)).status == .ok)
        #expect(try resource(get(id, at: Time.seconds(1))).status == .pending)
        #expect(try resource(get(id, at: Time.seconds(2))).status == .cancelled)
    }

    @Test func createdExecutionsUseTheBodyOrTheWorkload() throws {
        let body = Array(#"{"durationMs": 1500, "outcome": "failed", "queueMs": 0, "metadata": {"team": "ops", "n": 3}}"#.utf8)
        let created = api.respond(to: APIRequest(.createExecution(flowId: "flow_x", body: body), apiKey: MockFixtures.readWrite[...]), at: Time.seconds(10))
        #expect(created.status == .accepted)
        let resource = try resource(created)
        #expect(created.headers[.location] == "/v1/executions/\(resource.id)")
        #expect(resource.metadata == ["team": .string("ops"), "n": .number(3)])
        #expect(try self.resource(get(resource.id, at: Time.seconds(11.4))).status == .running)
        #expect(try self.resource(get(resource.id, at: Time.seconds(11.5))).status == .failed)

        let sampled = api.respond(to: APIRequest(.createExecution(flowId: "flow_x", body: nil), apiKey: MockFixtures.readWrite[...]), at: 0)
        #expect(sampled.status == .accepted)
        let other = try self.resource(sampled)
        #expect(other.id != resource.id)
        #expect(try self.resource(get(other.id, at: Time.seconds(3600))).status.isTerminal)
    }

    @Test func progressIsReportedAsTheSimulatorSeesIt() throws {
        // Five uneven steps: the JSON's percentage is the plan's, which the simulator reads.
        let plan = ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(100), progress: .steps(count: 5, seed: 3))
        let id = api.store.register(plan, flowId: "f")
        var seen: Set<Double> = []
        for second in stride(from: 1.0, to: 100, by: 3) {
            let reported = try resource(get(id, at: Time.seconds(second))).progress?.percentage
            #expect(reported == plan.snapshot(at: Time.seconds(second)).progress, "at \(second) s")
            seen.insert(reported ?? -1)
        }
        #expect(seen.isSubset(of: [0, 20, 40, 60, 80]) && seen.count >= 4, "\(seen)")
    }

    @Test func anExecutionCreatedOverHTTPIsTheSimulatorsExecutionOfThatIndex() throws {
        // With a queue time, the draws' order matters: run time, queue time, outcome.
        var configuration = MockFixtures.configuration()
        configuration.workload = Workload(executions: 10, arrival: .burst(at: 0), duration: .uniform(min: Time.seconds(1), max: Time.seconds(9)),
                                          queueTime: .uniform(min: Time.seconds(1), max: Time.seconds(5)),
                                          outcomes: OutcomeMix(completed: 0.5, failed: 0.3, cancelled: 0.2))
        let api = ExecutionAPI(configuration: configuration, epoch: 0)
        for index in 0..<5 {
            let created = api.respond(to: APIRequest(.createExecution(flowId: "f", body: nil), apiKey: MockFixtures.readWrite[...]), at: 0)
            let id = try JSONDecoder().decode(ExecutionResource.self, from: Data(created.body)).id
            let plan = try #require(api.store.withRecord(id: id) { $0.plan })
            let simulated = ExecutionSchedule.plan(index: index, createdAt: 0, workload: configuration.workload, seed: configuration.seed)
            #expect(plan.index == index)
            #expect(plan.runTime == simulated.runTime && plan.queueTime == simulated.queueTime && plan.outcome == simulated.outcome, "\(index)")
        }
    }

    @Test(arguments: [
        "not json", "[1, 2]", #"{"durationMs": -1}"#, #"{"durationMs": "long"}"#, #"{"outcome": "exploded"}"#,
        #"{"queueMs": 1e300}"#, #"{"metadata": 5}"#, "{",
    ])
    func badCreateBodiesAreA400(_ text: String) throws {
        let result = api.respond(to: APIRequest(.createExecution(flowId: "f", body: Array(text.utf8)), apiKey: MockFixtures.readWrite[...]), at: 0)
        #expect(result.status == .badRequest)
        let error = try JSONDecoder().decode(MockFixtures.ErrorBody.self, from: Data(result.body))
        #expect(error.error.code == "INVALID_REQUEST")
    }

    @Test func idsAreUniqueAndStable() {
        let plan = ExecutionPlan(index: 7, createdAt: 0, runTime: 1)
        let first = api.store.register(plan, flowId: "f")
        let second = api.store.register(plan, flowId: "f")
        #expect(first != second)
        #expect(first.hasPrefix("exec_") && first.count == 21)
        #expect(api.respond(to: APIRequest(.getExecution(id: first, include: []), apiKey: MockFixtures.readWrite[...]), at: 0).status == .ok)
    }

    @Test func twoServersHandOutDifferentIds() {
        // Two servers with the same seed and workload: ids are unique within each and differ
        // between them, so a client of one never finds the other's executions by accident.
        let plan = ExecutionPlan(index: 0, createdAt: 0, runTime: 1)
        let a = ExecutionAPI(configuration: MockFixtures.configuration(), epoch: 0)
        let b = ExecutionAPI(configuration: MockFixtures.configuration(), epoch: 0)
        let idsA = (0..<100).map { _ in a.store.register(plan, flowId: "f") }
        let idsB = (0..<100).map { _ in b.store.register(plan, flowId: "f") }
        #expect(Set(idsA).count == 100 && Set(idsB).count == 100)
        #expect(Set(idsA).isDisjoint(with: idsB))
        #expect(b.respond(to: APIRequest(.getExecution(id: idsA[0], include: []), apiKey: MockFixtures.readWrite[...]), at: 0).status == .notFound)
        // A fixed salt gives fixed ids.
        var fixed = MockFixtures.configuration()
        fixed.idSalt = 42
        let c = ExecutionAPI(configuration: fixed, epoch: 0)
        #expect(c.store.register(plan, flowId: "f") == ExecutionRecord.id(forSerial: 0, salt: 42))
    }

    @Test func latencyIsDrawnFromEachExecutionsOwnStream() {
        let latency = Distribution.uniform(min: Time.milliseconds(10), max: Time.milliseconds(90))
        let api = ExecutionAPI(configuration: MockFixtures.configuration(latency: latency), epoch: 0)
        let a = api.store.register(ExecutionPlan(index: 4, createdAt: 0, runTime: Time.seconds(100)), flowId: "f")
        let b = api.store.register(ExecutionPlan(index: 5, createdAt: 0, runTime: Time.seconds(100)), flowId: "f")
        var expectedA = RandomStream.latency.generator(seed: 1, index: 4)
        var expectedB = RandomStream.latency.generator(seed: 1, index: 5)
        for step in 0..<5 {
            let request = APIRequest(.getExecution(id: step % 2 == 0 ? a : b, include: []), apiKey: MockFixtures.readWrite[...])
            let result = api.respond(to: request, at: Time.seconds(Double(step)))
            let expected = step % 2 == 0 ? latency.sample(&expectedA) : latency.sample(&expectedB)
            #expect(result.latency == expected)
        }
    }
}
