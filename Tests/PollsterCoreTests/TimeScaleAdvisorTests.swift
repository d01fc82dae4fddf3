import PollsterCore
import Testing

/// `timeScale: auto`'s model: a fluid queue of the run's demand against the machine.
@Suite struct TimeScaleAdvisorTests {
    let ms = Time.milliseconds

    @Test func aSingleHerdQueuesItsSizeOverTheUsableCapacity() {
        // 100 requests in one 1 ms bucket, usable capacity 10,000/s (half of 20,000): at
        // scale 1 a bucket serves 10, so 90 wait: 9 ms, past the 5 ms allowance (half of
        // the client's 10 ms floor; the server's limit is 25 ms for a p99 of 100 ms).
        let advisor = TimeScaleAdvisor(demand: [0, 100, 0, 0], bucket: ms(1), capacity: 20_000, latencyP99: ms(100))
        let one = advisor.assess(scale: 1)
        #expect(abs(one.queueP99Ms - 9) < 1e-9 && abs(one.allowanceMs - 5) < 1e-9 && !one.isClear)
        // Slow motion does not spread a herd that arrives at one instant: at 0.25 a bucket
        // lasts 4 ms and serves 40; 60 wait, 6 ms.
        #expect(abs(advisor.assess(scale: 0.25).queueP99Ms - 6) < 1e-9)
        let advice = advisor.advise()
        #expect(!advice.isClear && advice.scale == 0.25)
        #expect(advice.reason.hasPrefix("timeScale auto: 0.25 (no scale tried keeps clear of saturation"))
    }

    @Test func steadyDemandPicksTheFastestScaleTheMachineServes() {
        // 10 requests every millisecond for a second: 10,000/s of scenario time. The usable
        // 10,000/s of wall time serve exactly that at scale 1; at 1.5 the queue grows by
        // 3.3 per bucket and never drains.
        let advisor = TimeScaleAdvisor(demand: Array(repeating: 10, count: 1000), bucket: ms(1), capacity: 20_000, latencyP99: ms(100))
        #expect(advisor.assess(scale: 1).queueP99Ms < 1e-6)
        #expect(advisor.assess(scale: 1.5).queueP99Ms > 1000 * 0.3)
        let advice = advisor.advise()
        #expect(advice.isClear && advice.scale == 1)
        #expect(abs(advice.assessment.meanRate - 10_000) < 1e-6)
        #expect(abs(advice.assessment.peakRate - 10_000) < 1e-6)
    }

    @Test func theServerLimitTightensWithTheScale() {
        // Latency p99 of 40 ms: the server may queue a quarter of it, 10 ms of scenario time,
        // so 1 ms of wall time at scale 10 (its 1 ms floor) and 5 ms at scale 2; the
        // allowance is half the smaller of that and the client's 10 ms.
        let advisor = TimeScaleAdvisor(demand: [1], bucket: ms(1), capacity: 1_000, latencyP99: ms(40))
        #expect(abs(advisor.assess(scale: 2).allowanceMs - 2.5) < 1e-9)
        #expect(abs(advisor.assess(scale: 10).allowanceMs - 0.5) < 1e-9)
    }
}
