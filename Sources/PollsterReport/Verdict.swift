import PollsterCore

/// The report's conclusion in plain words. Its first sentence (``headline``) answers the
/// question the run asked: which strategy is cheapest and at what freshness (within the
/// 429 budget when only some stay under it), or why none can be named. The sentences after
/// it say what qualifies that answer (saturated runs, strategies that did not run or were
/// stopped part-way, strategies that got no successful answer), then which stay under the
/// 429 budget, which is freshest and which are Pareto-efficient.
///
/// Only what ran is ranked. A strategy that started no execution is named as not run and
/// left out. When a run stopped early, a strategy stopped part-way is not a like-for-like
/// sample (its executions still in progress count with the polls sent so far, and only the
/// executions that ended have a detection lag), so when some strategies finished only they
/// are ranked; when none finished, the strategies that ran are ranked and the verdict says
/// the comparison is over partial samples. Strategies that got no successful answer are
/// left out of every comparison.
public struct Verdict: Sendable, Equatable {
    /// The default 429 budget: at most 5% of requests answered 429.
    public static let defaultBudget429 = 0.05

    /// The share of requests that may be answered 429 for a strategy to count as within budget.
    public var budget429: Double
    /// The verdict, one sentence per element; never empty.
    public var sentences: [String]

    /// The verdict's first sentence: the answer (the console prints it under the table).
    public var headline: String { sentences[0] }

    /// The verdict on `result`'s strategies with the given 429 budget.
    public init(_ result: RunResult, budget429: Double = Verdict.defaultBudget429) {
        self.budget429 = budget429
        let all = result.strategies.map(StrategySummary.init)
        guard !all.isEmpty else {
            sentences = ["The run holds no strategies."]
            return
        }
        let coverage = RunCoverage(result)
        let comparison = Self.comparison(all, coverage)
        // What qualifies the answer, said right after it.
        var notes: [String] = []
        // A saturated run measured this machine (report.html also says so above the verdict).
        let saturated = all.filter(\.saturated).map(\.strategy)
        if !saturated.isEmpty {
            notes.append(saturated.count == 1
                ? "The run of \(saturated[0]) was saturated: its figures measure pollster's own queueing on this machine, not the API, and are unreliable."
                : "The runs of \(Self.list(saturated)) were saturated: their figures measure pollster's own queueing on this machine, not the API, and are unreliable.")
        }
        let notRun = coverage.names(.notRun)
        if !notRun.isEmpty {
            notes.append(notRun.count == 1
                ? "\(notRun[0]) did not run: the run stopped before it started, so it is left out of the comparison."
                : "\(Self.list(notRun)) did not run: the run stopped before they started, so they are left out of the comparison.")
        }
        let stopped = zip(all, coverage.strategies).filter { $0.1.status == .stopped && $0.0.successfulRequests > 0 }.map { summary, strategy in
            "\(summary.strategy) (\(coverage.started(strategy)) executions started" + (strategy.unfinished > 0 ? ", \(strategy.unfinished) unfinished)" : ")")
        }
        switch comparison.scope {
        case .finishedOnly:
            notes.append("\(Self.list(stopped)) \(stopped.count == 1 ? "was" : "were") stopped part-way, so \(stopped.count == 1 ? "it is" : "they are") left out of the ranking: a run cut short is not a like-for-like sample (executions still in progress count with the polls sent so far, and only the executions that ended have a detection lag).")
        case .partialSamples:
            notes.append("The run stopped before any strategy finished, so this comparison is over partial samples: \(Self.list(stopped)); executions still in progress count with the polls sent so far, and only the executions that ended have a detection lag.")
        case .complete:
            if result.partial && notRun.isEmpty {
                notes.append("The run was stopped early, but every strategy had finished by then, so the figures are complete.")
            }
        }
        // A strategy whose every request failed is 429-free and cheap only because it
        // learnt nothing about the API: it is left out of every comparison.
        let ran = zip(all, coverage.strategies).filter { $0.1.status != .notRun }.map(\.0)
        let silent = ran.filter { $0.successfulRequests == 0 }
        notes += silent.map(Self.unanswered)

        let compared = zip(all, comparison.ranked).filter(\.1).map(\.0)
        guard !compared.isEmpty else {
            let headline: String
            if ran.isEmpty {
                headline = all.count == 1 ? "The strategy did not run, so nothing can be judged." : "No strategy ran, so none can be judged."
            } else {
                headline = ran.count == 1 && all.count == 1
                    ? "The strategy got no successful answer, so nothing can be judged."
                    : "No strategy \(notRun.isEmpty ? "" : "that ran ")got a successful answer, so none can be judged."
            }
            // Not-run strategies are already named by the headline when nothing ran.
            sentences = [headline] + (ran.isEmpty ? [] : notes)
            return
        }

        let budget = Self.percent(budget429)
        let group: String
        switch comparison.scope {
        case .finishedOnly: group = "strategies that finished"
        case .partialSamples, .complete:
            group = !silent.isEmpty ? "strategies that got an answer" : !notRun.isEmpty ? "strategies that ran" : "strategies"
        }
        let within = compared.filter { $0.rate429 <= budget429 }
        let budgetSentence: String
        if within.count == compared.count {
            if compared.count == 1 {
                let subject = all.count == 1 ? "The strategy" : compared[0].strategy
                budgetSentence = "\(subject) stays under a 429 budget of \(budget) of requests (pollster's default budget)."
            } else {
                budgetSentence = "All \(compared.count) \(group) stay under a 429 budget of \(budget) of requests (pollster's default budget)."
            }
        } else if compared.count == 1 {
            let subject = all.count == 1 ? "The strategy" : compared[0].strategy
            budgetSentence = "\(subject) does not stay under a 429 budget of \(budget) of requests (pollster's default budget): its 429 rate is \(Self.percent(compared[0].rate429))."
        } else if within.isEmpty {
            let lowest = compared.enumerated().min { ($0.element.rate429, $0.offset) < ($1.element.rate429, $1.offset) }!.element
            let subject = group == "strategies" ? "strategy" : "strategy" + group.dropFirst("strategies".count)
            budgetSentence = "No \(subject) stays under a 429 budget of \(budget) of requests (pollster's default budget); the lowest 429 rate is \(Self.percent(lowest.rate429)), by \(lowest.strategy)."
        } else {
            let over = compared.filter { $0.rate429 > budget429 }.map { "\($0.strategy) (\(Self.percent($0.rate429)))" }
            budgetSentence = "\(within.count) of \(compared.count) \(group) \(within.count == 1 ? "stays" : "stay") under a 429 budget of \(budget) of requests (pollster's default budget): \(Self.list(within.map(\.strategy))); over it: \(Self.list(over))."
        }

        // The ranking over the compared strategies.
        var ranking: [String] = []
        var cheapestSentence: String?
        let detecting = compared.filter { $0.detected > 0 }
        let candidates = detecting.filter { $0.rate429 <= budget429 }
        let pool = candidates.isEmpty ? detecting : candidates
        let withinScope = !candidates.isEmpty && within.count != compared.count
        let prefix: String
        switch comparison.scope {
        case .finishedOnly: prefix = "Of the strategies that finished, the"
        case .partialSamples: prefix = "Over partial samples, the"
        case .complete: prefix = "The"
        }
        if pool.isEmpty {
            ranking.append("No client saw any execution finish, so freshness cannot be compared.")
        } else {
            // Strategies without a measured lag (nothing detected, or an API that does not
            // say when a job finished) sort last on freshness.
            let lag: (StrategySummary) -> Double = { $0.lagP99.map(Double.init) ?? .infinity }
            let cheapest = Self.first(pool) { ($0.pollsMean, lag($0)) }
            let freshness = cheapest.lagP99.map { p99 in
                ", noticing a finished job within \(Self.seconds(p99)) at p99 (\(Self.seconds(cheapest.lagP50 ?? p99)) at p50)"
            } ?? " (its detection lag was not measured)"
            let scope = withinScope ? " within the 429 budget of \(budget)" : ""
            cheapestSentence = "\(prefix) cheapest\(scope) is \(cheapest.strategy): \(Self.requests(cheapest.pollsMean)) requests per execution\(freshness)\(Self.caveat(cheapest))."
            let timed = pool.filter { $0.lagP99 != nil }
            let freshScope = withinScope ? " within the budget" : ""
            if !timed.isEmpty {
                let freshest = Self.first(timed) { (lag($0), $0.pollsMean) }
                if freshest.strategy == cheapest.strategy {
                    ranking.append("\(cheapest.strategy) is also the freshest\(freshScope).")
                } else {
                    let ratio = cheapest.pollsMean > 0 ? freshest.pollsMean / cheapest.pollsMean : 0
                    ranking.append("The freshest\(freshScope) is \(freshest.strategy): within \(Self.seconds(freshest.lagP99!)) at p99 (\(Self.seconds(freshest.lagP50!)) at p50), at \(Self.requests(freshest.pollsMean)) requests per execution (\(DecimalFormat.fixed(ratio, 1))× the cheapest's cost)\(Self.caveat(freshest)).")
                }
            }
            let timedAll = detecting.filter { $0.lagP99 != nil }
            let efficient = ParetoFront.efficient(timedAll.map { ($0.pollsMean, lag($0)) })
            let names = zip(timedAll, efficient).filter(\.1).map(\.0.strategy)
            if timedAll.count > 1 {
                ranking.append("Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): \(Self.list(names)).")
            }
        }
        let undetected = compared.filter { $0.detected == 0 }.map(\.strategy)
        if !undetected.isEmpty {
            ranking.append("\(Self.list(undetected)) saw no execution finish.")
        }
        let gaveUp = ran.filter { $0.abandoned > 0 }.map { "\($0.strategy) gave up on \($0.abandoned) of \($0.executions) executions" }
        if !gaveUp.isEmpty {
            ranking.append("Client timeout reached: \(Self.list(gaveUp)).")
        }

        // The answer first: the cheapest when some strategy stays under the budget, else
        // the budget sentence (none does), the cheapest right after it.
        if let cheapestSentence, !within.isEmpty {
            sentences = [cheapestSentence] + notes + [budgetSentence] + ranking
        } else {
            sentences = [budgetSentence] + (cheapestSentence.map { [$0] } ?? []) + notes + ranking
        }
    }

    /// Which strategies a comparison covers.
    enum Scope: Sendable, Equatable {
        /// Every strategy that ran and got an answer (a complete run, or a partial one in
        /// which every such strategy finished).
        case complete
        /// Only the strategies that finished: others were stopped part-way.
        case finishedOnly
        /// The strategies stopped part-way, for none finished.
        case partialSamples
    }

    /// Which of `summaries` are ranked (in the verdict, and marked best in the tables), and
    /// over what: strategies that ran and got a successful answer; of those, when a partial
    /// run leaves some finished and others stopped part-way, only the finished.
    static func comparison(_ summaries: [StrategySummary], _ coverage: RunCoverage) -> (ranked: [Bool], scope: Scope) {
        let answered = zip(summaries, coverage.strategies).map { $0.0.successfulRequests > 0 && $0.1.status != .notRun }
        let status = coverage.strategies.map(\.status)
        let finished = zip(answered, status).map { $0.0 && $0.1 == .finished }
        let stopped = zip(answered, status).map { $0.0 && $0.1 == .stopped }
        guard stopped.contains(true) else { return (answered, .complete) }
        if finished.contains(true) { return (finished, .finishedOnly) }
        return (answered, .partialSamples)
    }

    /// Which of `result`'s strategies are ranked; see ``comparison(_:_:)``.
    static func ranked(_ result: RunResult) -> [Bool] {
        comparison(result.strategies.map(StrategySummary.init), RunCoverage(result)).ranked
    }

    /// Why `summary` is out of the comparison: it sent nothing, or nothing it sent succeeded.
    static func unanswered(_ summary: StrategySummary) -> String {
        guard summary.requests > 0 else { return "\(summary.strategy) sent no request, so it is left out of the comparison." }
        let kinds = summary.failures.commonestFirst.map { "\($0.kind.label): \($0.count)" }
        let detail = kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"
        return "\(summary.strategy) sent \(summary.requests) \(summary.requests == 1 ? "request" : "requests") and none succeeded\(detail), so it is left out of the comparison."
    }

    /// A clause that warns when `summary`'s figures come from a saturated run.
    static func caveat(_ summary: StrategySummary) -> String {
        summary.saturated ? "; its run was saturated, so these figures are unreliable" : ""
    }

    /// The first strategy with the lowest key (ties: the earlier strategy).
    static func first(_ pool: [StrategySummary], by key: (StrategySummary) -> (Double, Double)) -> StrategySummary {
        pool.enumerated().min { (key($0.element).0, key($0.element).1, $0.offset) < (key($1.element).0, key($1.element).1, $1.offset) }!.element
    }

    /// A share as a percentage with one decimal: 0.0512 → "5.1%".
    static func percent(_ share: Double) -> String { DecimalFormat.fixed(share * 100, 1) + "%" }

    /// Requests per execution with two decimals.
    static func requests(_ mean: Double) -> String { DecimalFormat.fixed(mean, 2) }

    /// Microseconds as seconds: two decimals below 10 s, one above.
    static func seconds(_ micros: UInt64) -> String {
        DecimalFormat.fixed(Double(micros) / 1e6, micros >= 10_000_000 ? 1 : 2) + " s"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
