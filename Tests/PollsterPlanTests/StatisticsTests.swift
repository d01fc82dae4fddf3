import Testing
import PollsterCore
@testable import PollsterPlan

/// The 95% interval and the Pareto frontier.
@Suite struct StatisticsTests {
    @Test func studentIntervalMatchesHandComputation() {
        let interval = ConfidenceInterval(samples: [1, 2, 3, 4, 5])
        // mean 3, s = sqrt(2.5), t(0.975, 4) = 2.776445.
        #expect(interval.mean == 3)
        #expect(abs(interval.halfWidth - 2.776445 * (2.5 / 5).squareRoot()) < 1e-9)
        #expect(ConfidenceInterval(samples: [7]).halfWidth == 0)
        #expect(abs(ConfidenceInterval.t975(degreesOfFreedom: 60) - 2.000298) < 1e-3)
        #expect(abs(ConfidenceInterval.t975(degreesOfFreedom: 1000) - 1.962339) < 1e-4)
    }

    @Test func frontierKeepsOnlyUndominatedPoints() {
        let points: [(x: Double, y: Double)] = [(5, 5), (1, 10), (2, 8), (3, 9), (4, 4), (6, 4), (2, 8)]
        // The two equal points (2, 8) are both on the frontier: neither beats the other, and
        // report.html marks them both (one rule for sweeps and reports).
        #expect(ParetoFront.indices(points) == [1, 2, 6, 4])
        #expect(ParetoFront.efficient(points) == [false, true, true, false, true, false, true])
    }
}
