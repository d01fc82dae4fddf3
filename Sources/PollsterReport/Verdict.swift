import PollsterCore

/// The report's conclusion in plain words: which strategy is cheapest and at what
/// freshness, which stay under the 429 budget, which are Pareto-efficient.
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
        let budget = Self.percent(budget429)
        let within = all.filter { $0.rate429 <= budget429 }
        if within.count == all.count {
            out.append(all.count == 1
                ? "The strategy stays under a 429 budget of \(budget) of requests (pollster's default budget)."
                : "All \(all.count) strategies stay under a 429 budget of \(budget) of requests (pollster's default budget).")
        } else if within.isEmpty {
            let lowest = all.enumerated().min { ($0.element.rate429, $0.offset) < ($1.element.rate429, $1.offset) }!.element
            out.append("No strategy stays under a 429 budget of \(budget) of requests (pollster's default budget); the lowest 429 rate is \(Self.percent(lowest.rate429)), by \(lowest.strategy).")
        } else {
            let over = all.filter { $0.rate429 > budget429 }.map { "\($0.strategy) (\(Self.percent($0.rate429)))" }
            out.append("\(within.count) of \(all.count) strategies \(within.count == 1 ? "stays" : "stay") under a 429 budget of \(budget) of requests (pollster's default budget): \(Self.list(within.map(\.strategy))); over it: \(Self.list(over)).")
        }

        let detecting = all.filter { $0.detected > 0 }
        let candidates = detecting.filter { $0.rate429 <= budget429 }
        let pool = candidates.isEmpty ? detecting : candidates
        let scope = candidates.isEmpty ? "" : (within.count == all.count ? "" : " within the budget")
        if pool.isEmpty {
            out.append("No client saw any execution finish, so freshness cannot be compared.")
        } else {
            let cheapest = Self.first(pool) { ($0.pollsMean, Double($0.lagP99)) }
            let freshest = Self.first(pool) { (Double($0.lagP99), $0.pollsMean) }
            out.append("The cheapest\(scope) is \(cheapest.strategy): \(Self.requests(cheapest.pollsMean)) requests per execution, noticing a finished job within \(Self.seconds(cheapest.lagP99)) at p99 (\(Self.seconds(cheapest.lagP50)) at p50).")
            if freshest.strategy == cheapest.strategy {
                out.append("It is also the freshest\(scope).")
            } else {
                let ratio = cheapest.pollsMean > 0 ? freshest.pollsMean / cheapest.pollsMean : 0
                out.append("The freshest\(scope) is \(freshest.strategy): within \(Self.seconds(freshest.lagP99)) at p99 (\(Self.seconds(freshest.lagP50)) at p50), at \(Self.requests(freshest.pollsMean)) requests per execution (\(DecimalFormat.fixed(ratio, 1))× the cheapest's cost).")
            }
            let efficient = ParetoFront.efficient(detecting.map { ($0.pollsMean, Double($0.lagP99)) })
            let names = zip(detecting, efficient).filter(\.1).map(\.0.strategy)
            if detecting.count > 1 {
                out.append("Pareto-efficient on cost and p99 freshness (no other strategy is both cheaper and fresher): \(Self.list(names)).")
            }
        }
        let undetected = all.filter { $0.detected == 0 }.map(\.strategy)
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
