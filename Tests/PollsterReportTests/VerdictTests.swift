import PollsterCore
@testable import PollsterReport
import Testing

/// The verdict's choices: budget, cheapest, freshest, Pareto front; what ran and what did not.
@Suite struct VerdictTests {
    @Test func namesTheCheapestWithinTheBudget() {
        let verdict = Verdict(ReportFixtures.handMade())
        #expect(verdict.budget429 == 0.05)
        #expect(verdict.sentences[0] == "The cheapest within the 429 budget of 5.0% is slow\nline: 3.00 requests per execution, noticing a finished job within 5.00 s at p99 (2.50 s at p50).")
        #expect(verdict.headline == verdict.sentences[0])
        #expect(verdict.sentences[1] == "1 of 2 strategies stays under a 429 budget of 5.0% of requests (pollster's default budget): slow\nline; over it: fast, \"eager\" (22.2%).")
        #expect(verdict.sentences[2] == "slow\nline is also the freshest within the budget.")
        #expect(verdict.sentences[3].hasSuffix("fast, \"eager\" and slow\nline."))
    }

    @Test func aLooserBudgetComparesEveryStrategy() {
        let verdict = Verdict(ReportFixtures.handMade(), budget429: 0.5)
        #expect(verdict.sentences[0].hasPrefix("The cheapest is slow\nline"))
        #expect(verdict.sentences[1] == "All 2 strategies stay under a 429 budget of 50.0% of requests (pollster's default budget).")
        #expect(verdict.sentences[2].hasPrefix("The freshest is fast, \"eager\": within 0.80 s at p99"))
    }

    @Test func theAnswerComesFirstThenSaturationAndAStrategyThatGotNoAnswerIsLeftOut() {
        let verdict = Verdict(ReportFixtures.live())
        #expect(verdict.sentences == [
            "The cheapest within the 429 budget of 5.0% is steady: 10.00 requests per execution, noticing a finished job within 2.40 s at p99 (1.20 s at p50).",
            "The run of eager was saturated: its figures measure pollster's own queueing on this machine, not the API, and are unreliable.",
            "blind sent 6 requests and none succeeded (connection refused: 6), so it is left out of the comparison.",
            "1 of 2 strategies that got an answer stays under a 429 budget of 5.0% of requests (pollster's default budget): steady; over it: eager (20.0%).",
            "steady is also the freshest within the budget.",
            "Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): steady and eager.",
            "Client timeout reached: blind gave up on 2 of 2 executions.",
        ])
    }

    @Test func whenNoStrategyStaysUnderTheBudgetTheAnswerSaysSoAndNamesTheCheapestNext() {
        let verdict = Verdict(ReportFixtures.live(), budget429: 0.01)
        #expect(Array(verdict.sentences.prefix(3)) == [
            "No strategy that got an answer stays under a 429 budget of 1.0% of requests (pollster's default budget); the lowest 429 rate is 5.0%, by steady.",
            "The cheapest is steady: 10.00 requests per execution, noticing a finished job within 2.40 s at p99 (1.20 s at p50).",
            "The run of eager was saturated: its figures measure pollster's own queueing on this machine, not the API, and are unreliable.",
        ])
    }

    @Test func aRecommendedSaturatedStrategyCarriesTheCaveat() {
        let verdict = Verdict(ReportFixtures.live(), budget429: 0.5)
        #expect(verdict.sentences[3] == "All 2 strategies that got an answer stay under a 429 budget of 50.0% of requests (pollster's default budget).")
        #expect(verdict.sentences[4] == "The freshest is eager: within 0.60 s at p99 (0.30 s at p50), at 20.00 requests per execution (2.0× the cheapest's cost); its run was saturated, so these figures are unreliable.")
        var cheapSaturated = ReportFixtures.live()
        cheapSaturated.strategies[0].metrics.live?.saturation?.causes = [.client]
        let sentences = Verdict(cheapSaturated).sentences
        #expect(sentences[0] == "The cheapest within the 429 budget of 5.0% is steady: 10.00 requests per execution, noticing a finished job within 2.40 s at p99 (1.20 s at p50); its run was saturated, so these figures are unreliable.")
        #expect(sentences[1] == "The runs of steady and eager were saturated: their figures measure pollster's own queueing on this machine, not the API, and are unreliable.")
    }

    @Test func aStrategyThatDidNotRunIsNamedAndNeverRanked() {
        let verdict = Verdict(ReportFixtures.partial())
        #expect(verdict.sentences == [
            "Of the strategies that finished, the cheapest within the 429 budget of 5.0% is slow: 3.00 requests per execution, noticing a finished job within 5.00 s at p99 (2.50 s at p50).",
            "never did not run: the run stopped before it started, so it is left out of the comparison.",
            "cut (1 of 2 executions started) was stopped part-way, so it is left out of the ranking: a run cut short is not a like-for-like sample (executions still in progress count with the polls sent so far, and only the executions that ended have a detection lag).",
            "1 of 2 strategies that finished stays under a 429 budget of 5.0% of requests (pollster's default budget): slow; over it: fast (22.2%).",
            "slow is also the freshest within the budget.",
            "Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): fast and slow.",
        ])
        // Only the finished strategies are ranked, in the verdict and in the tables.
        #expect(Verdict.ranked(ReportFixtures.partial()) == [true, true, false, false])
        // Without the stop, cut would have been the cheapest and the freshest.
        var complete = ReportFixtures.partial()
        complete.partial = false
        complete.strategies.removeLast()
        #expect(Verdict(complete).headline.hasPrefix("The cheapest within the 429 budget of 5.0% is cut: 2.00 requests per execution"))
    }

    @Test func whenNoStrategyFinishedTheComparisonIsOverPartialSamples() {
        var result = ReportFixtures.partial()
        result.strategies[0].metrics.detected = 1
        result.strategies[0].metrics.stopped = 1
        result.strategies[1].metrics.detected = 1
        result.strategies[1].metrics.stopped = 1
        #expect(Verdict(result).sentences == [
            "Over partial samples, the cheapest within the 429 budget of 5.0% is cut: 2.00 requests per execution, noticing a finished job within 0.20 s at p99 (0.10 s at p50).",
            "never did not run: the run stopped before it started, so it is left out of the comparison.",
            "The run stopped before any strategy finished, so this comparison is over partial samples: fast (2 of 2 executions started, 1 unfinished), slow (2 of 2 executions started, 1 unfinished) and cut (1 of 2 executions started); executions still in progress count with the polls sent so far, and only the executions that ended have a detection lag.",
            "2 of 3 strategies that ran stay under a 429 budget of 5.0% of requests (pollster's default budget): slow and cut; over it: fast (22.2%).",
            "cut is also the freshest within the budget.",
            "Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): cut.",
        ])
        #expect(Verdict.ranked(result) == [true, true, true, false])
    }

    @Test func aLoneStrategyOverTheBudgetIsNamed() {
        var result = ReportFixtures.partial()
        result.strategies[0].metrics.detected = 1
        result.strategies[0].metrics.stopped = 1
        result.strategies = [result.strategies[0], result.strategies[3]]
        #expect(Array(Verdict(result).sentences.prefix(3)) == [
            "fast does not stay under a 429 budget of 5.0% of requests (pollster's default budget): its 429 rate is 22.2%.",
            "Over partial samples, the cheapest is fast: 9.00 requests per execution, noticing a finished job within 0.80 s at p99 (0.40 s at p50).",
            "never did not run: the run stopped before it started, so it is left out of the comparison.",
        ])
    }

    @Test func whenNothingRanNothingIsJudged() {
        var result = ReportFixtures.partial()
        result.strategies = [result.strategies[3], result.strategies[3]]
        result.strategies[1].name = "also-never"
        #expect(Verdict(result).sentences == ["No strategy ran, so none can be judged."])
        #expect(Verdict.ranked(result) == [false, false])
    }

    @Test func aRunMarkedPartialWhoseStrategiesAllFinishedSaysTheFiguresAreComplete() {
        var result = ReportFixtures.handMade()
        result.scenario.executions = 2
        result.partial = true
        let sentences = Verdict(result).sentences
        #expect(sentences[0].hasPrefix("The cheapest within the 429 budget of 5.0% is slow\nline"))
        #expect(sentences[1] == "The run was stopped early, but every strategy had finished by then, so the figures are complete.")
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
