import Mustache
import PollsterCore

/// report.html: one self-contained page (inline CSS and SVG, no scripts, no fetches) with
/// the run's scenario, verdict, summary table and charts, each chart followed by its data.
/// The same ``RunResult`` always gives the same bytes.
public enum HTMLReport {
    /// The page's text.
    public static func render(_ result: RunResult, budget429: Double = Verdict.defaultBudget429) throws -> String {
        let template = try MustacheTemplate(string: ReportTemplate.text)
        return template.render(page(result, budget429: budget429))
    }

    /// The values the template shows.
    static func page(_ result: RunResult, budget429: Double) -> ReportPage {
        let info = result.scenario
        let saturated = saturatedStrategies(result)
        return ReportPage(
            title: "pollster report: \(info.name)",
            name: info.name,
            summary: info.summary,
            facts: facts(result, budget429: budget429),
            partial: result.partial,
            saturated: !saturated.isEmpty,
            saturatedStrategies: saturated,
            verdict: Verdict(result, budget429: budget429).sentences,
            summaryTable: summaryTable(result, budget429: budget429),
            live: result.strategies.contains { $0.metrics.live != nil },
            liveHealthTable: liveHealthTable(result),
            strategies: result.strategies.map { ReportPage.Fact(label: $0.name, value: $0.description) },
            charts: ReportCharts.all(result, budget429: budget429),
            hasThresholds: result.thresholds != nil,
            thresholdsBreached: result.thresholds?.contains(where: \.breached) ?? false,
            thresholdTally: ThresholdLines.tally(result.thresholds ?? []),
            thresholdRows: thresholdRows(result.thresholds ?? [])
        )
    }

    /// The thresholds box: a row per threshold and strategy it covers, with the measured
    /// figure (as summary.csv has it) and whether it fails the run.
    static func thresholdRows(_ results: [ThresholdResult]) -> [ReportPage.ThresholdRow] {
        results.flatMap { evaluated in
            let metric = evaluated.threshold.metric
            return evaluated.checks.map { check in
                let failed = evaluated.breached && check.exceeds
                return ReportPage.ThresholdRow(
                    expression: evaluated.threshold.expression, scope: ThresholdLines.scope(evaluated.threshold.scope),
                    strategy: check.strategy, measured: metric.formatted(check.actual),
                    outcome: failed ? "FAIL" : check.exceeds ? "over (the threshold holds)" : "pass", failed: failed)
            }
        }
    }

    /// The mode in plain words.
    static func mode(_ info: ScenarioInfo) -> String {
        switch info.mode {
        case .simulate:
            return "simulated (discrete-event, virtual time)"
        case .live:
            if info.target == "embedded" {
                return "live, against the embedded mock server (time scale \(Time.trimmed(info.timeScale))×)"
            }
            return "live, against \(info.target)"
        }
    }

    static func facts(_ result: RunResult, budget429: Double) -> [ReportPage.Fact] {
        let info = result.scenario
        let seed = result.replications > 1
            ? "\(info.seed) (\(result.replications) replications: seeds \(info.seed) to \(info.seed &+ UInt64(result.replications - 1)), merged)"
            : String(info.seed)
        var facts = [
            ReportPage.Fact(label: "Mode", value: mode(info)),
            ReportPage.Fact(label: "Seed", value: seed),
            ReportPage.Fact(label: "Executions per strategy", value: RunCoverage(result).executionsPerStrategy),
            ReportPage.Fact(label: "Strategies", value: String(result.strategies.count)),
            ReportPage.Fact(label: "Time bucket", value: timeBucket(result)),
            ReportPage.Fact(label: "429 budget", value: "\(Verdict.percent(budget429)) of requests (default)"),
        ]
        if let shard = info.shard {
            facts.append(ReportPage.Fact(label: "Shard", value: "\(shard) of the API keys (keys k with k mod \(shard.count) = \(shard.index)); merge every shard with pollster merge"))
        }
        if let parts = info.splitGlobal {
            facts.append(ReportPage.Fact(label: "Approximation", value: "global limits and capacity divided into \(parts) equal shares, one per shard of the API keys (--split-global): clients of different shards did not compete for them"))
        }
        if let count = info.mergedFrom {
            facts.append(ReportPage.Fact(label: "Merged", value: "from \(count) shards split by API key (pollster merge)"))
        }
        return facts
    }

    /// The bucket the run recorded at, and the one the charts over time show when they
    /// merge buckets to keep a long run readable.
    static func timeBucket(_ result: RunResult) -> String {
        let bucket = Time.describe(result.scenario.bucket)
        let factor = ReportCharts.timeFactor(result)
        guard factor > 1 else { return "\(bucket) (timeseries.csv and the charts over time)" }
        return "\(bucket) in timeseries.csv; the charts over time merge \(factor) at a time into \(ReportCharts.width(result, factor)) buckets"
    }

    /// The saturated strategies, in run order, for the banner.
    static func saturatedStrategies(_ result: RunResult) -> [ReportPage.SaturatedStrategy] {
        result.strategies.compactMap { strategy in
            guard let saturation = strategy.metrics.live?.saturation, saturation.isSaturated else { return nil }
            return ReportPage.SaturatedStrategy(
                name: strategy.name, reasons: saturation.reasons.joined(separator: "; "), remedy: SaturationWarning.remedy(saturation))
        }
    }

    /// The summary: one row per strategy, the lowest value of each ranked column marked best
    /// among the strategies the verdict ranks (``Verdict/ranked(_:)``: one whose every
    /// request failed, or that did not run, is not "best"). The "failed" column shows only
    /// when a request failed, the "executions started" column only for a partial run.
    static func summaryTable(_ result: RunResult, budget429: Double) -> ReportPage.Table {
        let summaries = result.strategies.map(StrategySummary.init)
        let coverage = RunCoverage(result)
        let ranked = Verdict.ranked(result)
        let notMeasured = ConsoleTable.notMeasured
        let seconds: (UInt64?) -> String = { $0.map { DecimalFormat.fixed(Double($0) / 1e6, 2) } ?? notMeasured }
        let lag: (UInt64?) -> Double? = { $0.map(Double.init) }
        typealias Column = (title: String, rank: ((StrategySummary) -> Double?)?, text: (StrategySummary) -> String)
        let failed: [Column] = summaries.contains { $0.failedRequests > 0 }
            ? [("failed", nil, { String($0.failedRequests) })]
            : []
        let started: [Column] = coverage.partial
            ? [("executions started", nil, { summary in
                coverage.strategies.first { $0.name == summary.strategy }.map { $0.status == .notRun ? "did not run" : coverage.started($0) } ?? ""
            })]
            : []
        let columns: [Column] = started + [
            ("requests", { Double($0.requests) }, { String($0.requests) }),
            // A mean over no executions, a rate over no requests: not measured, not zero.
            ("requests / execution", { $0.pollsMean }, { $0.executions == 0 ? notMeasured : DecimalFormat.fixed($0.pollsMean, 2) }),
            ("429 rate", { $0.rate429 }, { $0.requests == 0 ? notMeasured : Verdict.percent($0.rate429) }),
            ("under budget", nil, { $0.successfulRequests == 0 ? notMeasured : $0.rate429 <= budget429 ? "yes" : "no" }),
            ("lag p50 (s)", { lag($0.lagP50) }, { seconds($0.lagP50) }),
            ("lag p90 (s)", { lag($0.lagP90) }, { seconds($0.lagP90) }),
            ("lag p99 (s)", { lag($0.lagP99) }, { seconds($0.lagP99) }),
            ("lag max (s)", { lag($0.lagMax) }, { seconds($0.lagMax) }),
            ("abandoned", { Double($0.abandoned) }, { String($0.abandoned) }),
            ("errors", { Double($0.errors) }, { String($0.errors) }),
        ] + failed + [
            ("latency p99 (ms)", nil, { $0.latencyMeasured ? DecimalFormat.milliseconds(fromMicros: $0.latencyP99, digits: 2) : notMeasured }),
        ]
        func value(_ column: Column, _ row: Int) -> Double? {
            guard ranked[row] else { return nil }
            return column.rank?(summaries[row])
        }
        let best: [Double?] = columns.map { column in
            guard column.rank != nil else { return nil }
            let values = summaries.indices.compactMap { value(column, $0) }
            guard values.count > 1, let low = values.min(), low != values.max() else { return nil }
            return low
        }
        return ReportPage.Table(
            header: [ReportPage.Cell("strategy")] + columns.map { ReportPage.Cell($0.title, numeric: true) },
            rows: summaries.enumerated().map { row, summary in
                ReportPage.Row(cells: [ReportPage.Cell(summary.strategy)] + columns.indices.map { c in
                    let isBest = best[c].map { value(columns[c], row) == $0 } ?? false
                    return ReportPage.Cell(columns[c].text(summary), numeric: true, best: isBest)
                })
            }
        )
    }

    /// Live runs: how well pollster itself kept up, per strategy, in milliseconds of wall
    /// time; empty for simulations.
    static func liveHealthTable(_ result: RunResult) -> ReportPage.Table {
        let ms: (UInt64?) -> String = { $0.map { DecimalFormat.milliseconds(fromMicros: $0, digits: 2) } ?? ConsoleTable.notMeasured }
        let live = result.strategies.filter { $0.metrics.live != nil }.map(StrategySummary.init)
        return ReportPage.Table(
            header: [ReportPage.Cell("strategy")] + [
                "send lateness p50 (ms)", "send lateness p99 (ms)", "connection wait p99 (ms)", "server queue p99 (ms)", "saturated",
            ].map { ReportPage.Cell($0, numeric: true) },
            rows: live.map { summary in
                ReportPage.Row(cells: [
                    ReportPage.Cell(summary.strategy),
                    ReportPage.Cell(ms(summary.sendLatenessP50), numeric: true),
                    ReportPage.Cell(ms(summary.sendLatenessP99), numeric: true),
                    ReportPage.Cell(ms(summary.connectionWaitP99), numeric: true),
                    ReportPage.Cell(ms(summary.serverQueueP99), numeric: true),
                    ReportPage.Cell(summary.saturated ? "yes" : "no", numeric: true),
                ])
            }
        )
    }
}
