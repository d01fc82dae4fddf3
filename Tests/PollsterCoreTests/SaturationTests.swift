import PollsterCore
import Testing

/// When a live run measured pollster rather than the API.
@Suite struct SaturationTests {
    /// Measurements with every request late by `lateness` and queued by `queue` (wall µs),
    /// and the strategy asking for `delay` (scenario µs) between polls.
    func measurements(lateness: UInt64, queue: UInt64?, delay: UInt64, scale: Double) -> LiveMeasurements {
        var m = LiveMeasurements(timeScale: scale)
        for _ in 0..<100 {
            m.sendLateness.record(lateness)
            if let queue { m.serverQueue.record(queue) }
            m.pollDelay.record(delay)
        }
        return m
    }

    @Test func theClientLimitIsTenMillisecondsOrFivePercentOfTheDelay() {
        // 2 s between polls at scale 1: 5% is 100 ms, above the 10 ms floor.
        let slow = Saturation.assess(measurements(lateness: 90_000, queue: nil, delay: 2_000_000, scale: 1), modelledLatencyP99: nil)
        #expect(!slow.isSaturated && abs(slow.sendLatenessLimitMs - 100) < 0.2)
        // The same at scale 20: 100 ms of wall time between polls, 5 ms: the floor holds.
        let fast = Saturation.assess(measurements(lateness: 11_000, queue: nil, delay: 2_000_000, scale: 20), modelledLatencyP99: nil)
        #expect(fast.causes == [.client] && fast.sendLatenessLimitMs == 10)
        #expect(fast.reasons == ["send lateness p99 11 ms > 10 ms limit: the client could not keep up"])
    }

    @Test func theServerLimitIsAQuarterOfTheModelledLatencyP99() {
        // p99 of 250 ms at scale 5: 50 ms of wall time, a quarter 12.5 ms.
        let within = Saturation.assess(measurements(lateness: 1_000, queue: 12_000, delay: 2_000_000, scale: 5), modelledLatencyP99: Time.milliseconds(250))
        #expect(!within.isSaturated && within.serverQueueLimitMs == 12.5)
        let over = Saturation.assess(measurements(lateness: 1_000, queue: 13_000, delay: 2_000_000, scale: 5), modelledLatencyP99: Time.milliseconds(250))
        #expect(over.causes == [.server])
        // A tiny latency still allows 1 ms.
        let floor = Saturation.assess(measurements(lateness: 1_000, queue: 900, delay: 2_000_000, scale: 100), modelledLatencyP99: Time.milliseconds(10))
        #expect(!floor.isSaturated && floor.serverQueueLimitMs == 1)
    }

    @Test func noServerVerdictWithoutAnEmbeddedServer() {
        let remote = Saturation.assess(measurements(lateness: 1_000, queue: nil, delay: 500_000, scale: 1), modelledLatencyP99: nil)
        #expect(remote.serverQueueP99Ms == nil && remote.serverQueueLimitMs == nil && !remote.isSaturated)
    }
}
