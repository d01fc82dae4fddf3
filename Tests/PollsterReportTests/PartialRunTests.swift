import Foundation
import PollsterCore
@testable import PollsterReport
import Testing

/// A run that stopped early is marked in every file it writes, with how many executions
/// each strategy started.
@Suite struct PartialRunTests {
    @Test func coverageSaysWhatEachStrategyGotTo() {
        let coverage = RunCoverage(ReportFixtures.partial())
        #expect(coverage.planned == 2 && coverage.partial)
        #expect(coverage.strategies.map(\.status) == [.finished, .finished, .stopped, .notRun])
        #expect(coverage.strategies.map(\.started) == [2, 2, 1, 0])
        // A complete run: every strategy finished, whatever its counters.
        #expect(RunCoverage(ReportFixtures.handMade()).strategies.map(\.status) == [.finished, .finished])
        #expect(RunCoverage(ReportFixtures.handMade()).consoleNote == nil)
    }

    @Test func summaryCSVMarksEveryRowOfAPartialRun() throws {
        let text = SummaryCSV.render(ReportFixtures.partial())
        #expect(try RFC4180.parse(text).first?.suffix(3) == ["executions_planned", "partial", "status"])
        let records = try RFC4180.records(text)
        #expect(records.map { $0["executions"]! } == ["2", "2", "1", "0"])
        #expect(records.map { $0["executions_planned"]! } == ["2", "2", "2", "2"])
        #expect(records.map { $0["partial"]! } == ["true", "true", "true", "true"])
        #expect(records.map { $0["status"]! } == ["finished", "finished", "stopped", "not_run"])
        let complete = try RFC4180.records(SummaryCSV.render(ReportFixtures.live()))
        #expect(complete.map { $0["partial"]! } == ["false", "false", "false"])
        #expect(complete.map { $0["status"]! } == ["finished", "finished", "finished"])
    }

    @Test func everyOtherFileMarksAPartialRunToo() throws {
        var result = ReportFixtures.handMade()
        result.partial = true
        let files = try ReportWriter.files(result, formats: [.csv, .json, .html])
        #expect(files.map(\.name) == ["summary.csv", "timeseries.csv", "latency.csv", "lag.csv", "executions.csv", "results.json", "report.html"])
        for file in files where file.name.hasSuffix(".csv") {
            let records = try RFC4180.records(String(decoding: file.data, as: UTF8.self))
            #expect(!records.isEmpty && records.allSatisfy { $0["partial"] == "true" }, "\(file.name)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: files[5].data) as? [String: Any])
        #expect(json["partial"] as? Bool == true)
        for file in try ReportWriter.files(ReportFixtures.handMade(), formats: [.csv]) {
            let records = try RFC4180.records(String(decoding: file.data, as: UTF8.self))
            #expect(records.allSatisfy { $0["partial"] == "false" }, "\(file.name)")
        }
    }
}
