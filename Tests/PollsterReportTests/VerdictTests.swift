import PollsterCore
@testable import PollsterReport
import Testing

/// The verdict's choices: budget, cheapest, freshest, Pareto front.
@Suite struct VerdictTests {
    @Test func namesTheCheapestWithinTheBudget() {
        let verdict = Verdict(ReportFixtures.handMade())
        #expect(verdict.budget429 == 0.05)
        #expect(verdict.sentences[0] == "1 of 2 strategies stays under a 429 budget of 5.0% of requests (pollster's default budget): slow\nline; over it: fast, \"eager\" (22.2%).")
        #expect(verdict.sentences[1].hasPrefix("The cheapest within the budget is slow\nline: 3.00 requests per execution"))
        #expect(verdict.sentences[2] == "It is also the freshest within the budget.")
        #expect(verdict.sentences[3].hasSuffix("fast, \"eager\" and slow\nline."))
    }

    @Test func aLooserBudgetComparesEveryStrategy() {
        let verdict = Verdict(ReportFixtures.handMade(), budget429: 0.5)
        #expect(verdict.sentences[0] == "All 2 strategies stay under a 429 budget of 50.0% of requests (pollster's default budget).")
        #expect(verdict.sentences[1].hasPrefix("The cheapest is slow\nline"))
        #expect(verdict.sentences[2].hasPrefix("The freshest is fast, \"eager\": within 0.80 s at p99"))
    }

    @Test func paretoFrontKeepsTheUndominated() {
        let front = ParetoFront.efficient([(1, 10), (2, 5), (3, 6), (4, 1), (1, 10), (5, 1)])
        #expect(front == [true, true, false, true, true, false])
    }

    @Test func listsReadAsEnglish() {
        #expect(Verdict.list(["a"]) == "a")
        #expect(Verdict.list(["a", "b"]) == "a and b")
        #expect(Verdict.list(["a", "b", "c"]) == "a, b and c")
    }
}
