import PollsterCore
import PollsterReport
import Testing

/// The line the CLI prints after the table when a live run was saturated.
@Suite struct SaturationWarningTests {
    @Test func oneSaturatedStrategyWithReasonsAndRemedy() {
        #expect(SaturationWarning.line(ReportFixtures.live()) ==
            "warning: saturated: eager: send lateness p99 38.2 ms > 10 ms limit: the client could not keep up; server queue p99 4.1 ms > 2.5 ms limit: the embedded server queued requests; remedy: lower timeScale to 2.5")
    }

    @Test func severalSaturatedStrategiesMakeOneLineWithTheWorst() {
        var result = ReportFixtures.live()
        result.strategies[0].metrics.live?.saturation = Saturation(causes: [.client], sendLatenessP99Ms: 12, sendLatenessLimitMs: 10)
        result.strategies[1].metrics.live?.saturation = Saturation(causes: [.client], sendLatenessP99Ms: 38.2, sendLatenessLimitMs: 10)
        #expect(SaturationWarning.line(result) ==
            "warning: saturated: 2 of 3 strategies (steady, eager); worst, eager: send lateness p99 38.2 ms > 10 ms limit: the client could not keep up; remedy: lower the load (fewer executions) or add --client-threads")
    }

    @Test func noLineWithoutSaturation() async {
        #expect(SaturationWarning.line(await ReportFixtures.simulated()) == nil)
        #expect(SaturationWarning.line(ReportFixtures.handMade()) == nil)
        var result = ReportFixtures.live()
        result.strategies[1].metrics.live?.saturation?.causes = []
        #expect(SaturationWarning.line(result) == nil)
    }
}
