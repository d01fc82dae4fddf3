import Foundation
import PollsterCore
@testable import PollsterReport
import Testing

/// The CSV files parsed back (RFC 4180) and checked against the ``RunResult`` they came from.
@Suite struct CSVContentTests {
    @Test func summaryRowsMatchTheMetrics() async throws {
        let result = await ReportFixtures.simulated()
        let records = try RFC4180.records(SummaryCSV.render(result))
        #expect(records.count == result.strategies.count)
        for (record, strategy) in zip(records, result.strategies) {
            let m = strategy.metrics
            #expect(record["strategy"] == strategy.name)
            #expect(record["requests"] == String(m.requests))
            #expect(record["requests_429"] == String(m.responses429))
            #expect(record["detection_lag_ms_p99"] == DecimalFormat.milliseconds(fromMicros: m.detectionLag.value(atPercentile: 99)))
        }
    }

    @Test func timeSeriesSumsToTheTotals() async throws {
        let result = await ReportFixtures.simulated()
        let records = try RFC4180.records(TimeSeriesCSV.render(result))
        #expect(try RFC4180.parse(TimeSeriesCSV.render(result)).first == TimeSeriesCSV.columns)
        for strategy in result.strategies {
            let rows = records.filter { $0["strategy"] == strategy.name }
            let series = strategy.metrics.timeSeries
            #expect(rows.count == series.count)
            #expect(rows.reduce(0) { $0 + Int($1["requests"]!)! } == strategy.metrics.requests)
            #expect(rows.reduce(0) { $0 + Int($1["requests_429"]!)! } == strategy.metrics.responses429)
            #expect(rows.reduce(0) { $0 + Int($1["detections"]!)! } == strategy.metrics.detected)
            #expect(rows.map { $0["active_executions"]! } == series.active.map(String.init))
            #expect(rows.first?["time_s"] == "0.000")
            #expect(rows.dropFirst().first?["time_s"] == DecimalFormat.seconds(fromNanos: series.bucket, digits: 3))
        }
    }

    @Test(arguments: ["lag", "latency"])
    func percentileSpectraEndAtTheMaximum(file: String) async throws {
        let result = await ReportFixtures.simulated()
        let text = file == "lag" ? PercentileCSV.renderLag(result) : PercentileCSV.renderLatency(result)
        let records = try RFC4180.records(text)
        for strategy in result.strategies {
            let histogram = file == "lag" ? strategy.metrics.detectionLag : strategy.metrics.latency
            let rows = records.filter { $0["strategy"] == strategy.name }
            #expect(Set(rows.map { $0["measure"]! }) == [file == "lag" ? "detection_lag" : "latency"])
            let percentiles = rows.map { Double($0["percentile"]!)! }
            let values = rows.map { Double($0["value_ms"]!)! }
            #expect(percentiles == percentiles.sorted())
            #expect(values == values.sorted())
            #expect(rows.first?["percentile"] == "0.000000000000")
            #expect(rows.last?["percentile"] == "1.000000000000")
            #expect(rows.last?["one_over_one_minus_percentile"] == "Infinity")
            #expect(rows.last?["total_count"] == String(histogram.count))
            #expect(rows.last?["value_ms"] == DecimalFormat.milliseconds(fromMicros: histogram.max))
            // 1/(1-p) as HdrHistogram computes it, on the rows before 100%.
            for row in rows.dropLast() {
                let p = Double(row["percentile"]!)!
                #expect(abs(Double(row["one_over_one_minus_percentile"]!)! - 1 / (1 - p)) < 0.01)
            }
            // The p50 row's value is the histogram's p50.
            if let median = rows.first(where: { $0["percentile"] == "0.500000000000" }) {
                #expect(median["value_ms"] == DecimalFormat.milliseconds(fromMicros: histogram.value(atPercentile: 50)))
            }
        }
    }

    @Test func liveRunsAddLatencyFromTheIntendedSendTime() throws {
        let result = ReportFixtures.handMade()
        let records = try RFC4180.records(PercentileCSV.renderLatency(result))
        let intended = records.filter { $0["measure"] == "latency_from_intended" }
        #expect(Set(intended.map { $0["strategy"]! }) == Set(result.strategies.map(\.name)))
        for strategy in result.strategies {
            let last = intended.last { $0["strategy"] == strategy.name }
            #expect(last?["value_ms"] == DecimalFormat.milliseconds(fromMicros: strategy.metrics.latencyFromIntended.max))
            #expect(last?["total_count"] == String(strategy.metrics.latencyFromIntended.count))
        }
        #expect(try HTMLReport.render(result).contains("slow\nline (from intended send)"))
    }

    @Test func executionsRoundTripWithAwkwardNames() throws {
        let result = ReportFixtures.handMade()
        let text = try #require(ExecutionsCSV.render(result))
        let records = try RFC4180.records(text)
        #expect(records.count == result.executions?.count)
        #expect(records[0]["strategy"] == "fast, \"eager\"")
        #expect(records[2]["strategy"] == "slow\nline")
        #expect(records[0]["created_s"] == "0.000000")
        #expect(records[0]["detected_s"] == "4.400000")
        #expect(records[0]["detection_lag_ms"] == "400.000")
        #expect(records[1]["detected_s"] == "")
        #expect(records[1]["end"] == "abandoned")
        #expect(records[1]["outcome"] == "failed")
        #expect(records[1]["created_s"] == "0.250000")
        #expect(records[0]["requests_429"] == "4")
        #expect(records[3]["polls"] == "3")
    }

    @Test func noExecutionsFileWithoutRecords() async throws {
        let result = await ReportFixtures.simulated()
        #expect(ExecutionsCSV.render(result) == nil)
        #expect(try !ReportWriter.files(result, formats: [.csv]).contains { $0.name == "executions.csv" })
    }

    @Test(arguments: [
        ["plain", "with,comma", "with \"quote\"", "two\nlines", "cr\rlf\r\n", "", " spaced "],
        ["ünïcödé", "\"", ",", "=1+2", "x\r\ny"],
    ])
    func quotingRoundTrips(fields: [String]) throws {
        let table = CSVTable(header: fields.indices.map { "c\($0)" }, rows: [fields, fields.reversed()])
        let rows = try RFC4180.parse(table.text)
        #expect(rows == [table.header, fields, fields.reversed()])
        #expect(table.text.hasSuffix("\r\n"))
    }

    @Test func decimalsAreExactAndLocaleFree() {
        #expect(DecimalFormat.seconds(fromNanos: 1_234_567_890, digits: 3) == "1.235")
        #expect(DecimalFormat.seconds(fromNanos: 999_999_999, digits: 3) == "1.000")
        #expect(DecimalFormat.seconds(fromNanos: 0, digits: 6) == "0.000000")
        #expect(DecimalFormat.seconds(fromNanos: -1_500_000_000, digits: 1) == "-1.5")
        #expect(DecimalFormat.seconds(fromNanos: 42, digits: 9) == "0.000000042")
        #expect(DecimalFormat.seconds(fromNanos: 7_000_000_000, digits: 0) == "7")
        #expect(DecimalFormat.milliseconds(fromNanos: 400_000_000, digits: 3) == "400.000")
    }
}
