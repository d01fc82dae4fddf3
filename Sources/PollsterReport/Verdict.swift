import PollsterCore

/// The report's conclusion in plain words: which strategy is cheapest and at what
/// freshness, which stay under the 429 budget, which are Pareto-efficient. Saturated runs
/// are named first and flagged wherever recommended; strategies that got no successful
/// answer are left out of every comparison.
public struct Verdict: Sendable, Equatable {
    /// The default 429 budget: at most 5% of requests answered 429.
    public static let defaultBudget429 = 0.05

    /// The share of requests that may be answered 429 for a strategy to count as within budget.
    public var budget429: Double
    /// The verdict, one sentence per element.
    public var sentences: [String]

    /// The verdict on `result`'s strategies with the given 429 budget.
    public init(_ result: RunResult, budget429: Double = Verdict.defaultBudget429) {
        self.budget429 = budget429
        let all = result.strategies.map(StrategySummary.init)
        guard !all.isEmpty else {
            sentences = ["The run holds no strategies."]
            return
        }
        var out: [String] = []
        // A saturated run measured this machine; say so before anything is recommended.
        let saturated = all.filter(\.saturated).map(\.strategy)
        if !saturated.isEmpty {
            out.append(saturated.count == 1
                ? "The run of \(saturated[0]) was saturated: its figures measure pollster's own queueing on this machine, not the API, and are unreliable."
                : "The runs of \(Self.list(saturated)) were saturated: their figures measure pollster's own queueing on this machine, not the API, and are unreliable.")
        }
        // A strategy whose every request failed is 429-free and cheap only because it
        // learnt nothing about the API: it is left out of every comparison.
        let silent = all.filter { $0.successfulRequests == 0 }
        let answered = all.filter { $0.successfulRequests > 0 }
        if answered.isEmpty {
            out.append(all.count == 1
                ? "The strategy got no successful answer, so nothing can be judged."
                : "No strategy got a successful answer, so none can be judged.")
        }
        out += silent.map(Self.unanswered)
        guard !answered.isEmpty else {
            if result.partial { out.append("The run was interrupted: these figures cover only what happened until then.") }
            sentences = out
            return
        }

        let budget = Self.percent(budget429)
        let strategies = silent.isEmpty ? "strategies" : "strategies that got an answer"
        let within = answered.filter { $0.rate429 <= budget429 }
        if within.count == answered.count {
            if answered.count == 1 {
                let subject = all.count == 1 ? "The strategy" : answered[0].strategy
                out.append("\(subject) stays under a 429 budget of \(budget) of requests (pollster's default budget).")
            } else {
                out.append("All \(answered.count) \(strategies) stay under a 429 budget of \(budget) of requests (pollster's default budget).")
            }
        } else if within.isEmpty {
            let lowest = answered.enumerated().min { ($0.element.rate429, $0.offset) < ($1.element.rate429, $1.offset) }!.element
            out.append("No \(silent.isEmpty ? "strategy" : "strategy that got an answer") stays under a 429 budget of \(budget) of requests (pollster's default budget); the lowest 429 rate is \(Self.percent(lowest.rate429)), by \(lowest.strategy).")
        } else {
            let over = answered.filter { $0.rate429 > budget429 }.map { "\($0.strategy) (\(Self.percent($0.rate429)))" }
            out.append("\(within.count) of \(answered.count) \(strategies) \(within.count == 1 ? "stays" : "stay") under a 429 budget of \(budget) of requests (pollster's default budget): \(Self.list(within.map(\.strategy))); over it: \(Self.list(over)).")
        }

        let detecting = answered.filter { $0.detected > 0 }
        let candidates = detecting.filter { $0.rate429 <= budget429 }
        let pool = candidates.isEmpty ? detecting : candidates
        let scope = candidates.isEmpty ? "" : (within.count == answered.count ? "" : " within the budget")
        if pool.isEmpty {
            out.append("No client saw any execution finish, so freshness cannot be compared.")
        } else {
            // Strategies without a measured lag (nothing detected, or an API that does not
            // say when a job finished) sort last on freshness.
            let lag: (StrategySummary) -> Double = { $0.lagP99.map(Double.init) ?? .infinity }
            let cheapest = Self.first(pool) { ($0.pollsMean, lag($0)) }
            let freshness = cheapest.lagP99.map { p99 in
                ", noticing a finished job within \(Self.seconds(p99)) at p99 (\(Self.seconds(cheapest.lagP50 ?? p99)) at p50)"
            } ?? " (its detection lag was not measured)"
            out.append("The cheapest\(scope) is \(cheapest.strategy): \(Self.requests(cheapest.pollsMean)) requests per execution\(freshness)\(Self.caveat(cheapest)).")
            let timed = pool.filter { $0.lagP99 != nil }
            if !timed.isEmpty {
                let freshest = Self.first(timed) { (lag($0), $0.pollsMean) }
                if freshest.strategy == cheapest.strategy {
                    out.append("It is also the freshest\(scope).")
                } else {
                    let ratio = cheapest.pollsMean > 0 ? freshest.pollsMean / cheapest.pollsMean : 0
                    out.append("The freshest\(scope) is \(freshest.strategy): within \(Self.seconds(freshest.lagP99!)) at p99 (\(Self.seconds(freshest.lagP50!)) at p50), at \(Self.requests(freshest.pollsMean)) requests per execution (\(DecimalFormat.fixed(ratio, 1))× the cheapest's cost)\(Self.caveat(freshest)).")
                }
            }
            let compared = detecting.filter { $0.lagP99 != nil }
            let efficient = ParetoFront.efficient(compared.map { ($0.pollsMean, lag($0)) })
            let names = zip(compared, efficient).filter(\.1).map(\.0.strategy)
            if compared.count > 1 {
                out.append("Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): \(Self.list(names)).")
            }
        }
        let undetected = answered.filter { $0.detected == 0 }.map(\.strategy)
        if !undetected.isEmpty {
            out.append("\(Self.list(undetected)) saw no execution finish.")
        }
        let gaveUp = all.filter { $0.abandoned > 0 }.map { "\($0.strategy) gave up on \($0.abandoned) of \($0.executions) executions" }
        if !gaveUp.isEmpty {
            out.append("Client timeout reached: \(Self.list(gaveUp)).")
        }
        if result.partial {
            out.append("The run was interrupted: these figures cover only what happened until then.")
        }
        sentences = out
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
