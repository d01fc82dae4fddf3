import PollsterCore
import PollsterReport
import Testing

/// The lines the CLI prints after the table when a live run was saturated.
@Suite struct SaturationWarningTests {
    @Test func oneLinePerSaturatedStrategyWithReasonsAndRemedy() {
        #expect(SaturationWarning.lines(ReportFixtures.live()) == [
            "warning: saturated: eager: send lateness p99 38.2 ms > 10.0 ms limit: the client could not keep up; server queue p99 4.1 ms > 2.5 ms limit: the embedded server queued requests; remedy: lower timeScale to 2.5",
        ])
    }

    @Test func withoutASuggestedTimeScaleTheRemedyIsLessLoad() {
        var result = ReportFixtures.live()
        result.strategies[1].metrics.live?.saturation = Saturation(causes: [.client], sendLatenessP99Ms: 38.2, sendLatenessLimitMs: 10)
        result.strategies[0].metrics.live?.saturation?.causes = [.client]
        #expect(SaturationWarning.lines(result) == [
            "warning: saturated: steady: send lateness p99 2.0 ms > 10.0 ms limit: the client could not keep up; remedy: lower the load (fewer executions) or add --client-threads",
            "warning: saturated: eager: send lateness p99 38.2 ms > 10.0 ms limit: the client could not keep up; remedy: lower the load (fewer executions) or add --client-threads",
        ])
    }

    @Test func noLinesWithoutSaturation() async {
        #expect(SaturationWarning.lines(await ReportFixtures.simulated()).isEmpty)
        #expect(SaturationWarning.lines(ReportFixtures.handMade()).isEmpty)
        var result = ReportFixtures.live()
        result.strategies[1].metrics.live?.saturation?.causes = []
        #expect(SaturationWarning.lines(result).isEmpty)
    }
}
