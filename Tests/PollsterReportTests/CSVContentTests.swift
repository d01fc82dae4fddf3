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

    @Test func summaryHeaderKeepsTheOldColumnsAndAppendsTheNew() throws {
        let header = try #require(SummaryCSV.render(ReportFixtures.live()).components(separatedBy: "\r\n").first)
        #expect(header == "strategy,executions,requests,requests_429,rate_429,polls_per_execution_mean,polls_per_execution_p50,polls_per_execution_p99,detection_lag_ms_p50,detection_lag_ms_p90,detection_lag_ms_p99,detection_lag_ms_max,abandoned,errors,latency_ms_p50,latency_ms_p99,latency_ms_max,detected,requests_200,requests_other_4xx,requests_5xx,transport_errors,detection_lag_ms_mean,time_to_outcome_ms_p50,time_to_outcome_ms_p99,latency_from_intended_ms_p99,send_lateness_ms_p50,send_lateness_ms_p99,connection_wait_ms_p99,server_queue_ms_p99,saturated,failed_requests,failures_connection_refused,failures_timeout,failures_connection_reset,failures_dns,failures_tls,failures_malformed_response,failures_other_transport,failures_http_5xx,failures_http_other,failures_bad_body,executions_planned,stopped,partial,status")
    }

    @Test func liveSummaryHasFailuresSaturationAndEmptyCellsForWhatWasNotMeasured() throws {
        let result = ReportFixtures.live()
        let records = try RFC4180.records(SummaryCSV.render(result))
        let steady = records[0], eager = records[1], blind = records[2]
        // Nothing detected: every lag and time-to-outcome cell is empty, never 0.
        for column in [
            "detection_lag_ms_p50", "detection_lag_ms_p90", "detection_lag_ms_p99", "detection_lag_ms_max",
            "detection_lag_ms_mean", "time_to_outcome_ms_p50", "time_to_outcome_ms_p99",
        ] {
            #expect(blind[column] == "", "\(column)")
            #expect(steady[column] != "", "\(column)")
        }
        #expect(blind["detected"] == "0")
        #expect(steady["detection_lag_ms_p50"] == "1200.127")
        // Failed requests, in all and by kind.
        #expect([steady, eager, blind].map { $0["failed_requests"] } == ["2", "3", "6"])
        #expect([steady, eager, blind].map { $0["failures_connection_refused"] } == ["1", "0", "6"])
        #expect([steady, eager, blind].map { $0["failures_timeout"] } == ["1", "3", "0"])
        #expect([steady, eager, blind].map { $0["failures_http_5xx"] } == ["0", "0", "0"])
        #expect([steady, eager, blind].map { $0["saturated"] } == ["false", "true", "false"])
        // Wall-time figures of the live run; no server queue without an answer.
        #expect(eager["send_lateness_ms_p99"] == DecimalFormat.milliseconds(fromMicros: result.strategies[1].metrics.live!.sendLateness.value(atPercentile: 99)))
        #expect(eager["send_lateness_ms_p99"] == "38.207")
        #expect(steady["send_lateness_ms_p50"] == "0.600")
        #expect(steady["connection_wait_ms_p99"] == "0.150")
        #expect(steady["server_queue_ms_p99"] == "0.200")
        #expect(blind["server_queue_ms_p99"] == "")
        #expect(blind["connection_wait_ms_p99"] == "3.001")
    }

    @Test func simulatedSummaryLeavesTheLiveColumnsEmpty() async throws {
        let records = try RFC4180.records(SummaryCSV.render(await ReportFixtures.simulated()))
        for record in records {
            for column in ["send_lateness_ms_p50", "send_lateness_ms_p99", "connection_wait_ms_p99", "server_queue_ms_p99"] {
                #expect(record[column] == "", "\(column)")
            }
            #expect(record["saturated"] == "false")
            #expect(record["failed_requests"] == "0")
            for kind in FailureKind.allCases { #expect(record["failures_" + kind.rawValue] == "0") }
        }
    }

    @Test func liveTimeSeriesCountsFailuresByKind() throws {
        let result = ReportFixtures.live()
        let text = TimeSeriesCSV.render(result)
        #expect(try RFC4180.parse(text).first == TimeSeriesCSV.columns + ["failures_connection_refused", "failures_timeout"])
        let records = try RFC4180.records(text)
        for strategy in result.strategies {
            let rows = records.filter { $0["strategy"] == strategy.name }
            #expect(rows.count == strategy.metrics.timeSeries.count)
            for kind in [FailureKind.connectionRefused, .timeout] {
                #expect(rows.reduce(0) { $0 + Int($1["failures_" + kind.rawValue]!)! } == strategy.metrics.failures[kind])
            }
            for row in rows {
                #expect(Int(row["failures"]!)! == Int(row["failures_connection_refused"]!)! + Int(row["failures_timeout"]!)!)
            }
        }
        let steady = records.filter { $0["strategy"] == "steady" }
        #expect(steady.map { $0["failures"]! }.prefix(6) == ["0", "0", "1", "0", "1", "0"])
        #expect(steady[2]["failures_timeout"] == "1" && steady[4]["failures_connection_refused"] == "1")
    }

    @Test func timeSeriesSumsToTheTotals() async throws {
        let result = await ReportFixtures.simulated()
        let records = try RFC4180.records(TimeSeriesCSV.render(result))
        #expect(try RFC4180.parse(TimeSeriesCSV.render(result)).first == TimeSeriesCSV.columns)
        #expect(records.allSatisfy { $0["failures"] == "0" })
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
