import Testing
@testable import PollsterCore

/// The capacity model as exact tables: first come, first served on W workers; a bounded
/// queue answers 503 when full.
@Suite struct WorkerPoolTests {
    let s = Time.seconds

    @Test func aHerdQueuesOnTheWorkersInArrivalOrder() {
        var pool = WorkerPool(ServerCapacity(workers: 2))
        let answers = (0..<5).map { _ in pool.admit(at: 0, service: s(1)) }
        #expect(answers == [
            .served(start: 0, answeredAt: s(1)), .served(start: 0, answeredAt: s(1)),
            .served(start: s(1), answeredAt: s(2)), .served(start: s(1), answeredAt: s(2)),
            .served(start: s(2), answeredAt: s(3)),
        ])
        #expect(pool.queued == 3)
        // Later, with both workers free again, no wait.
        #expect(pool.admit(at: s(10), service: s(1)) == .served(start: s(10), answeredAt: s(11)))
        #expect(pool.queued == 0)
    }

    @Test func aFullQueueAnswersAtOnceAndFreesUp() {
        var pool = WorkerPool(ServerCapacity(workers: 1, queue: 1))
        #expect(pool.admit(at: 0, service: s(2)) == .served(start: 0, answeredAt: s(2)))
        #expect(pool.admit(at: 0, service: s(2)) == .served(start: s(2), answeredAt: s(4)), "one may wait")
        #expect(pool.admit(at: s(1), service: s(2)) == .queueFull, "a second may not")
        // At 2 s the waiting one has started: the queue has room again.
        #expect(pool.admit(at: s(2), service: s(1)) == .served(start: s(4), answeredAt: s(5)))
        // A queue of 0: served only when a worker is free.
        var none = WorkerPool(ServerCapacity(workers: 1, queue: 0))
        #expect(none.admit(at: 0, service: s(1)) == .served(start: 0, answeredAt: s(1)))
        #expect(none.admit(at: s(0.5), service: s(1)) == .queueFull)
        #expect(none.admit(at: s(1), service: s(1)) == .served(start: s(1), answeredAt: s(2)))
    }

    @Test func zeroServiceNeverQueues() {
        var pool = WorkerPool(ServerCapacity(workers: 1, queue: 0))
        for _ in 0..<100 { #expect(pool.admit(at: s(3), service: 0) == .served(start: s(3), answeredAt: s(3))) }
    }

    @Test func theScenarioKeyIsReadAndChecked() throws {
        let base = "name: c\nworkload: {executions: 1, arrival: {kind: burst}, duration: 1s}\nstrategies: [{name: f, kind: fixed, interval: 1s}]\n"
        let good = try ScenarioLoader.load(yaml: base + "server: {capacity: {workers: 8, queue: 100}}\n", file: "t.yaml", baseDirectory: ".")
        #expect(good.server.capacity == ServerCapacity(workers: 8, queue: 100))
        #expect(try ScenarioLoader.load(yaml: base + "server: {capacity: {workers: 3}}\n", file: "t.yaml", baseDirectory: ".").server.capacity == ServerCapacity(workers: 3))
        #expect(try ScenarioLoader.load(yaml: base, file: "t.yaml", baseDirectory: ".").server.capacity == nil)
        let missing = ScenarioFixtures.problems(base + "server: {capacity: {queue: 5}}\n")
        #expect(missing.contains { $0.contains("server.capacity.workers") }, "\(missing)")
        let zero = ScenarioFixtures.problems(base + "server: {capacity: {workers: 0}}\n")
        #expect(zero.contains { $0.contains("server.capacity.workers") && $0.contains("at least 1") }, "\(zero)")
        let huge = ScenarioFixtures.problems(base + "server: {capacity: {workers: 10000000000}}\n")
        #expect(huge.contains { $0.contains("at most 1000000") }, "\(huge)")
        let typo = ScenarioFixtures.problems(base + "server: {capacity: {workers: 2, queu: 5}}\n")
        #expect(typo.contains { $0.contains("server.capacity.queu") && $0.contains("did you mean \"queue\"") }, "\(typo)")
    }
}
