import PollsterCore
import Testing

/// Scenario time against wall time.
struct ScenarioClockTests {
    @Test func scalesDurationsBothWays() {
        let clock = ScenarioClock(origin: ContinuousClock.now, timeScale: 60)
        #expect(clock.wallDuration(of: Time.seconds(600)) == .seconds(10))
        #expect(clock.scenarioTime(of: .milliseconds(500)) == Time.seconds(30))
        #expect(clock.instant(at: Time.seconds(120)) == clock.origin.advanced(by: .seconds(2)))
    }

    @Test func realTimeIsExact() {
        let clock = ScenarioClock(origin: ContinuousClock.now, timeScale: 1)
        #expect(clock.wallDuration(of: 1_234_567_891) == .nanoseconds(1_234_567_891))
        #expect(clock.scenarioTime(of: .nanoseconds(987_654_321)) == 987_654_321)
    }

    @Test func nowAdvancesAtTheScale() async throws {
        let clock = ScenarioClock(timeScale: 100)
        let wallStart = ContinuousClock.now
        let before = clock.now()
        try await Task.sleep(for: .milliseconds(20))
        let after = clock.now()
        let wall = wallStart.duration(to: .now)
        #expect(before >= 0)
        #expect(after - before >= Time.seconds(2))
        #expect(after - before <= clock.scenarioTime(of: wall))
    }
}
