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

    @Test func saturationIsSaidFirstAndAStrategyThatGotNoAnswerIsLeftOut() {
        let verdict = Verdict(ReportFixtures.live())
        #expect(verdict.sentences == [
            "The run of eager was saturated: its figures measure pollster's own queueing on this machine, not the API, and are unreliable.",
            "blind sent 6 requests and none succeeded (connection refused: 6), so it is left out of the comparison.",
            "1 of 2 strategies that got an answer stays under a 429 budget of 5.0% of requests (pollster's default budget): steady; over it: eager (20.0%).",
            "The cheapest within the budget is steady: 10.00 requests per execution, noticing a finished job within 2.40 s at p99 (1.20 s at p50).",
            "It is also the freshest within the budget.",
            "Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): steady and eager.",
            "Client timeout reached: blind gave up on 2 of 2 executions.",
        ])
    }

    @Test func aRecommendedSaturatedStrategyCarriesTheCaveat() {
        let verdict = Verdict(ReportFixtures.live(), budget429: 0.5)
        #expect(verdict.sentences[2] == "All 2 strategies that got an answer stay under a 429 budget of 50.0% of requests (pollster's default budget).")
        #expect(verdict.sentences[4] == "The freshest is eager: within 0.60 s at p99 (0.30 s at p50), at 20.00 requests per execution (2.0× the cheapest's cost); its run was saturated, so these figures are unreliable.")
        var cheapSaturated = ReportFixtures.live()
        cheapSaturated.strategies[0].metrics.live?.saturation?.causes = [.client]
        let sentences = Verdict(cheapSaturated).sentences
        #expect(sentences[0] == "The runs of steady and eager were saturated: their figures measure pollster's own queueing on this machine, not the API, and are unreliable.")
        #expect(sentences[3] == "The cheapest within the budget is steady: 10.00 requests per execution, noticing a finished job within 2.40 s at p99 (1.20 s at p50); its run was saturated, so these figures are unreliable.")
    }

    @Test func whenEveryRequestFailedNothingIsUnderBudgetOrCheapest() {
        var result = ReportFixtures.live()
        result.strategies = [result.strategies[2]]
        #expect(Verdict(result).sentences == [
            "The strategy got no successful answer, so nothing can be judged.",
            "blind sent 6 requests and none succeeded (connection refused: 6), so it is left out of the comparison.",
        ])
        var two = ReportFixtures.live()
        two.strategies = [two.strategies[2], two.strategies[2]]
        two.strategies[1].name = "mute"
        two.strategies[1].metrics.requests = 0
        two.strategies[1].metrics.failures = FailureCounts()
        let sentences = Verdict(two).sentences
        #expect(sentences == [
            "No strategy got a successful answer, so none can be judged.",
            "blind sent 6 requests and none succeeded (connection refused: 6), so it is left out of the comparison.",
            "mute sent no request, so it is left out of the comparison.",
        ])
        #expect(!sentences.joined().contains("budget") && !sentences.joined().contains("cheapest"))
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
