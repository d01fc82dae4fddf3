import PollsterCharts
import PollsterCore

/// The charts of report.html, each with its caption and data table, built from a
/// ``RunResult``.
enum ReportCharts {
    /// Time-series charts keep at most this many points per strategy (buckets are merged).
    static let maximumTimePoints = 240

    /// Every chart, in page order; the failures chart only when a request failed.
    static func all(_ result: RunResult, budget429: Double) -> [ReportPage.Chart] {
        let failed = result.strategies.contains { !$0.metrics.failures.counts.isEmpty }
        return [rate429(result, budget429: budget429), requestRate(result)]
            + (failed ? [failuresOverTime(result)] : [])
            + [costVersusFreshness(result), lagPercentiles(result), latencyPercentiles(result), pollsPerExecution(result)]
    }

    /// 429s as a share of requests per time bucket, one line per strategy.
    static func rate429(_ result: RunResult, budget429: Double) -> ReportPage.Chart {
        let (factor, coarse) = coarseSeries(result)
        let names = legendNames(result)
        let series = zip(result.strategies, coarse).enumerated().map { index, pair in
            let (strategy, data) = pair
            return ChartSeries(name: names[index], points: data.times.indices.compactMap { i -> ChartSeries.Point? in
                guard data.requests[i] > 0 else { return nil }
                let share = Double(data.rateLimited[i]) / Double(data.requests[i]) * 100
                return ChartSeries.Point(
                    x: data.times[i], y: share,
                    title: "\(strategy.name) at \(seconds(data.times[i])): \(DecimalFormat.fixed(share, 1))% 429 (\(data.rateLimited[i]) of \(data.requests[i]))"
                )
            })
        }
        let chart = LineChart(id: "chart-429", title: "429 rate over time", xLabel: "scenario time (s)", yLabel: "429 responses (% of requests)", series: series, yLimit: 100)
        return ReportPage.Chart(
            id: "chart-429", title: "429 rate over time",
            caption: "The share of each strategy's requests answered 429 (rate limited), \(per(result, factor)), by send time. Gaps: no requests. The budget used in the verdict is \(Verdict.percent(budget429)) over the whole run.",
            svg: chart.svg, tableSummary: "Data: 429 rate per \(width(result, factor)) bucket (%)",
            table: timeTable(result, coarse) { data, i in
                data.requests[i] == 0 ? "" : DecimalFormat.fixed(Double(data.rateLimited[i]) / Double(data.requests[i]) * 100, 1)
            }
        )
    }

    /// Requests per second over time, one line per strategy.
    static func requestRate(_ result: RunResult) -> ReportPage.Chart {
        let (factor, coarse) = coarseSeries(result)
        let names = legendNames(result)
        let series = zip(result.strategies, coarse).enumerated().map { index, pair in
            let (strategy, data) = pair
            return ChartSeries(name: names[index], points: data.times.indices.map { i in
                let rate = data.width > 0 ? Double(data.requests[i]) / data.width : 0
                return ChartSeries.Point(
                    x: data.times[i], y: rate,
                    title: "\(strategy.name) at \(seconds(data.times[i])): \(DecimalFormat.fixed(rate, 1)) requests/s"
                )
            })
        }
        let chart = LineChart(id: "chart-rps", title: "Requests per second over time", xLabel: "scenario time (s)", yLabel: "requests/s", series: series)
        return ReportPage.Chart(
            id: "chart-rps", title: "Requests per second over time",
            caption: "The load each strategy puts on the API: requests sent per second of scenario time, averaged \(per(result, factor)).",
            svg: chart.svg, tableSummary: "Data: requests/s per \(width(result, factor)) bucket",
            table: timeTable(result, coarse) { data, i in
                DecimalFormat.fixed(data.width > 0 ? Double(data.requests[i]) / data.width : 0, 1)
            }
        )
    }

    /// Detection-lag percentile curves.
    static func lagPercentiles(_ result: RunResult) -> ReportPage.Chart {
        percentileChart(
            id: "chart-lag", title: "Detection lag by percentile",
            histograms: zip(legendNames(result), result.strategies).map { ($0, $1.metrics.detectionLag) },
            caption: "How long after an execution finished its client noticed (r_detect − f_e), at every percentile, HdrHistogram style: the x axis stretches the tail (90%, 99%, 99.9%, ...). Lower is fresher.",
            yLabel: "detection lag (s)", scale: { Double($0) / 1e6 }, describe: { seconds(Double($0) / 1e6) }
        )
    }

    /// Request-latency percentile curves.
    static func latencyPercentiles(_ result: RunResult) -> ReportPage.Chart {
        // Live runs also measure from the intended send time, free of coordinated omission.
        let intended = result.strategies.filter { !$0.metrics.latencyFromIntended.isEmpty }
        // Milliseconds, unless the slowest response took ten seconds or more.
        let slowest = result.strategies.map { strategy -> UInt64 in
            Swift.max(strategy.metrics.latency.max, strategy.metrics.latencyFromIntended.max)
        }.max() ?? 0
        let inSeconds = slowest >= 10_000_000
        let scale: @Sendable (UInt64) -> Double
        let describe: @Sendable (UInt64) -> String
        if inSeconds {
            scale = { Double($0) / 1e6 }
            describe = { ReportCharts.seconds(Double($0) / 1e6) }
        } else {
            scale = { Double($0) / 1e3 }
            describe = { DecimalFormat.milliseconds(fromMicros: $0, digits: 2) + " ms" }
        }
        // A strategy's curve from the intended send has the strategy's colour in the next
        // free dash pattern (two variants apart when the strategies already use two).
        let shift = result.strategies.count <= SeriesStyle.colours ? 1 : 2
        let strategyStyles = result.strategies.indices.map { SeriesStyle(index: $0) }
        let intendedStyles = result.strategies.indices.filter { !result.strategies[$0].metrics.latencyFromIntended.isEmpty }.map {
            SeriesStyle(colour: strategyStyles[$0].colour, variant: strategyStyles[$0].variant + shift)
        }
        return percentileChart(
            id: "chart-latency", title: "Request latency by percentile",
            histograms: zip(legendNames(result), result.strategies).map { ($0, $1.metrics.latency) }
                + intended.map { ($0.name + " (from intended send)", $0.metrics.latencyFromIntended) },
            styles: strategyStyles + intendedStyles,
            caption: "Response time of the API from the moment each request was sent, at every percentile (HdrHistogram style)."
                + (intended.isEmpty ? "" : " Curves marked \"from intended send\" (each in its strategy's colour, with a dashed or dotted line) measure from when the request should have gone out, so a stalled client's delays count too."),
            yLabel: inSeconds ? "latency (s)" : "latency (ms)",
            scale: scale, describe: describe
        )
    }

    /// Polls per execution: mean and percentiles per strategy.
    static func pollsPerExecution(_ result: RunResult) -> ReportPage.Chart {
        let statistics: [(String, (StrategyMetrics) -> Double)] = [
            ("mean", { $0.meanPollsPerExecution }),
            ("p50", { Double($0.pollsPerExecution.value(atPercentile: 50)) }),
            ("p90", { Double($0.pollsPerExecution.value(atPercentile: 90)) }),
            ("p99", { Double($0.pollsPerExecution.value(atPercentile: 99)) }),
        ]
        let format: (String, Double) -> String = { name, value in name == "mean" ? DecimalFormat.fixed(value, 2) : DecimalFormat.fixed(value, 0) }
        // A strategy that did not run measured nothing: no bar, not even a zero's hairline.
        let ran = result.strategies.map { $0.metrics.executions > 0 }
        let series = statistics.map { name, statistic in
            BarChart.Series(
                name: name,
                values: zip(result.strategies, ran).map { $1 ? statistic($0.metrics) : nil },
                titles: result.strategies.map { "\($0.name): \(name) \(format(name, statistic($0.metrics))) polls per execution" }
            )
        }
        let chart = BarChart(
            id: "chart-polls", title: "Polls per execution", xLabel: "strategy", yLabel: "polls per execution",
            categories: result.strategies.map(\.name), series: series
        )
        let table = ReportPage.Table(
            header: [ReportPage.Cell("strategy")] + (statistics.map(\.0) + ["max"]).map { ReportPage.Cell($0, numeric: true) },
            rows: zip(result.strategies, ran).map { strategy, ran in
                ReportPage.Row(cells: [ReportPage.Cell(strategy.name)]
                    + statistics.map { ReportPage.Cell(ran ? format($0.0, $0.1(strategy.metrics)) : ConsoleTable.notMeasured, numeric: true) }
                    + [ReportPage.Cell(ran ? String(strategy.metrics.pollsPerExecution.max) : ConsoleTable.notMeasured, numeric: true)])
            }
        )
        let notRun = RunCoverage(result).names(.notRun)
        return ReportPage.Chart(
            id: "chart-polls", title: "Polls per execution",
            caption: "Requests each client sent for one execution (429s included): the mean and percentiles over every execution. This is what a strategy costs the API per job."
                + (notRun.isEmpty ? "" : " No bars for \(Verdict.list(notRun)): \(notRun.count == 1 ? "it" : "they") did not run."),
            svg: chart.svg, tableSummary: "Data: polls per execution", table: table
        )
    }

    /// Requests per execution against p99 detection lag, Pareto-efficient strategies ringed.
    /// Strategies without a measured lag are left out of the plot (a lag of 0 would make
    /// them look freshest) and shown with `-` in the table.
    static func costVersusFreshness(_ result: RunResult) -> ReportPage.Chart {
        let summaries = result.strategies.map(StrategySummary.init)
        let timed = summaries.indices.filter { summaries[$0].lagP99 != nil }
        let frontier = ParetoFront.efficient(timed.map { (summaries[$0].pollsMean, Double(summaries[$0].lagP99!)) })
        var efficient = Array(repeating: false, count: summaries.count)
        for (index, isEfficient) in zip(timed, frontier) { efficient[index] = isEfficient }
        let points = timed.map { index in
            let summary = summaries[index], p99 = summary.lagP99!
            return ScatterChart.Point(
                name: summary.strategy, x: summary.pollsMean, y: Double(p99) / 1e6,
                title: "\(summary.strategy): \(DecimalFormat.fixed(summary.pollsMean, 2)) requests per execution, p99 lag \(seconds(Double(p99) / 1e6)), 429 rate \(Verdict.percent(summary.rate429))" + (efficient[index] ? " (Pareto-efficient)" : ""),
                efficient: efficient[index], series: index
            )
        }
        let chart = ScatterChart(
            id: "chart-cost", title: "Cost vs freshness", xLabel: "requests per execution",
            yLabel: "p99 detection lag (s)", points: points
        )
        let table = ReportPage.Table(
            header: [ReportPage.Cell("strategy"), ReportPage.Cell("requests per execution", numeric: true), ReportPage.Cell("p99 detection lag (s)", numeric: true), ReportPage.Cell("429 rate", numeric: true), ReportPage.Cell("Pareto-efficient")],
            rows: zip(summaries, efficient).map { summary, efficient in
                ReportPage.Row(cells: [
                    ReportPage.Cell(summary.strategy),
                    ReportPage.Cell(DecimalFormat.fixed(summary.pollsMean, 2), numeric: true),
                    ReportPage.Cell(summary.lagP99.map { DecimalFormat.fixed(Double($0) / 1e6, 2) } ?? ConsoleTable.notMeasured, numeric: true),
                    ReportPage.Cell(Verdict.percent(summary.rate429), numeric: true),
                    ReportPage.Cell(efficient ? "yes" : "no", best: efficient),
                ])
            }
        )
        let notRun = RunCoverage(result).names(.notRun)
        let untimed = summaries.filter { $0.lagP99 == nil && !notRun.contains($0.strategy) }.map(\.strategy)
        return ReportPage.Chart(
            id: "chart-cost", title: "Cost vs freshness",
            caption: "Each strategy's cost (requests per execution) against its freshness (p99 detection lag). Down and to the left is better; ringed points are Pareto-efficient: no other strategy is both cheaper and fresher."
                + (untimed.isEmpty ? "" : " Not plotted, for want of a measured detection lag: \(Verdict.list(untimed)).")
                + (notRun.isEmpty ? "" : " Not plotted: \(Verdict.list(notRun)), which did not run."),
            svg: chart.svg, tableSummary: "Data: cost and freshness per strategy", table: table
        )
    }

    /// Failed requests per time bucket, one line per strategy and kind that occurred: what
    /// went wrong, and when (a burst of timeouts, a server that went away).
    static func failuresOverTime(_ result: RunResult) -> ReportPage.Chart {
        let (factor, coarse) = coarseSeries(result)
        var lines: [(name: String, counts: [Int], times: [Double])] = []
        for (strategy, data) in zip(result.strategies, coarse) {
            for kind in FailureKind.allCases {
                guard let counts = data.failures[kind], counts.contains(where: { $0 != 0 }) else { continue }
                lines.append(("\(strategy.name): \(kind.label)", counts, data.times))
            }
        }
        let series = lines.map { line in
            ChartSeries(name: line.name, points: line.times.indices.map { i in
                ChartSeries.Point(x: line.times[i], y: Double(line.counts[i]), title: "\(line.name) at \(seconds(line.times[i])): \(line.counts[i]) failed")
            })
        }
        let title = "Failed requests over time, by kind"
        let chart = LineChart(id: "chart-failures", title: title, xLabel: "scenario time (s)", yLabel: "failed requests", series: series)
        let longest = lines.max { $0.times.count < $1.times.count }?.times ?? []
        let table = ReportPage.Table(
            header: [ReportPage.Cell("time (s)", numeric: true)] + lines.map { ReportPage.Cell($0.name, numeric: true) },
            rows: longest.indices.map { i in
                ReportPage.Row(cells: [ReportPage.Cell(DecimalFormat.fixed(longest[i], 1), numeric: true)]
                    + lines.map { ReportPage.Cell(i < $0.counts.count ? String($0.counts[i]) : "", numeric: true) })
            }
        )
        return ReportPage.Chart(
            id: "chart-failures", title: title,
            caption: "Requests that failed (no answer, a 5xx, a 4xx other than 429, or a 2xx without an execution), \(per(result, factor)), by send time: one line per strategy and kind. 429s are not failures; they are in the 429 chart.",
            svg: chart.svg, tableSummary: "Data: failed requests per \(width(result, factor)) bucket", table: table
        )
    }

    // MARK: Shared parts

    /// The strategies' names for a legend: "(did not run)" after a strategy that started
    /// no execution, so that a reader looking for its line learns why there is none.
    static func legendNames(_ result: RunResult) -> [String] {
        zip(result.strategies, RunCoverage(result).strategies).map { $0.name + ($1.status == .notRun ? " (did not run)" : "") }
    }

    /// How many of the run's buckets the charts over time merge into one.
    static func timeFactor(_ result: RunResult) -> Int {
        CoarseTimeSeries.factor(for: result.strategies.map(\.metrics.timeSeries), maximumPoints: maximumTimePoints)
    }

    private static func coarseSeries(_ result: RunResult) -> (Int, [CoarseTimeSeries]) {
        let factor = timeFactor(result)
        return (factor, result.strategies.map { CoarseTimeSeries($0.metrics.timeSeries, factor: factor) })
    }

    /// The width of a chart's bucket: `factor` of the run's buckets.
    static func width(_ result: RunResult, _ factor: Int) -> String {
        Time.describe(result.scenario.bucket * Int64(factor))
    }

    /// What a chart's bucket is, for its caption: "per 2s of scenario time (the run's 1s
    /// buckets, merged two at a time; timeseries.csv has every 1s bucket)".
    static func per(_ result: RunResult, _ factor: Int) -> String {
        let bucket = Time.describe(result.scenario.bucket)
        guard factor > 1 else { return "per \(bucket) of scenario time (the run's bucket)" }
        return "per \(width(result, factor)) of scenario time (the run's \(bucket) buckets, merged \(factor) at a time; timeseries.csv has every \(bucket) bucket)"
    }

    /// Seconds with two decimals, like every time in the report's tables.
    private static func seconds(_ value: Double) -> String {
        DecimalFormat.fixed(value, 2) + " s"
    }

    private static func timeTable(_ result: RunResult, _ coarse: [CoarseTimeSeries], value: (CoarseTimeSeries, Int) -> String) -> ReportPage.Table {
        let longest = coarse.max { $0.times.count < $1.times.count }
        let times = longest?.times ?? []
        return ReportPage.Table(
            header: [ReportPage.Cell("time (s)", numeric: true)] + result.strategies.map { ReportPage.Cell($0.name, numeric: true) },
            rows: times.indices.map { i in
                ReportPage.Row(cells: [ReportPage.Cell(DecimalFormat.fixed(times[i], 1), numeric: true)]
                    + coarse.map { ReportPage.Cell(i < $0.times.count ? value($0, i) : "", numeric: true) })
            }
        )
    }

    private static func percentileChart(
        id: String, title: String, histograms: [(name: String, histogram: MetricHistogram)], styles: [SeriesStyle]? = nil,
        caption: String, yLabel: String, scale: @escaping @Sendable (UInt64) -> Double, describe: @escaping @Sendable (UInt64) -> String
    ) -> ReportPage.Chart {
        let curves = histograms.enumerated().map {
            PercentileChart.Curve(name: $0.element.name, spectrum: PercentileSpectrum($0.element.histogram), style: styles?[$0.offset])
        }
        let chart = PercentileChart(id: id, title: title, yLabel: yLabel, curves: curves, scale: scale, describe: describe)
        let levels: [(String, Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("max", 100)]
        let table = ReportPage.Table(
            header: [ReportPage.Cell("percentile")] + histograms.map { ReportPage.Cell($0.name, numeric: true) },
            rows: levels.map { label, level in
                ReportPage.Row(cells: [ReportPage.Cell(label)] + histograms.map { entry in
                    let metric = entry.histogram
                    if metric.isEmpty { return ReportPage.Cell(ConsoleTable.notMeasured, numeric: true) }
                    return ReportPage.Cell(describe(level >= 100 ? metric.max : metric.value(atPercentile: level)), numeric: true)
                })
            }
        )
        return ReportPage.Chart(id: id, title: title, caption: caption, svg: chart.svg, tableSummary: "Data: \(title.lowercased())", table: table)
    }
}
