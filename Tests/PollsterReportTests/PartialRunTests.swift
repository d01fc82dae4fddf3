import Foundation
import PollsterCore
@testable import PollsterReport
import Testing

/// A run that stopped early is marked in every file it writes, with how many executions
/// each strategy started; a strategy that did not run is never ranked.
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

    @Test func headerShowsExecutionsStartedPerStrategyWhenTheyDiffer() throws {
        let html = try HTMLReport.render(ReportFixtures.partial())
        #expect(html.contains("<dt>Executions per strategy</dt><dd>started, of 2 planned: fast 2 (finished), slow 2 (finished), cut 1, never 0 (did not run); the run stopped early</dd>"))
        #expect(html.contains("<p class=\"partial\"><strong>Partial results:</strong> the run stopped before it finished"))
        // The same number for every strategy: said once.
        var live = ReportFixtures.live()
        live.partial = true
        live.scenario.executions = 3
        #expect(try HTMLReport.render(live).contains("<dt>Executions per strategy</dt><dd>2 of 3 started (the run stopped early)</dd>"))
        // A complete run: the planned number, no banner.
        let complete = try HTMLReport.render(ReportFixtures.live())
        #expect(complete.contains("<dt>Executions per strategy</dt><dd>2</dd>"))
        #expect(!complete.contains("class=\"partial\"") && !complete.contains("executions started"))
    }

    @Test func summaryTableShowsStartedAndRanksOnlyTheFinished() throws {
        let html = try HTMLReport.render(ReportFixtures.partial())
        #expect(html.contains("<thead><tr><th>strategy</th><th class=\"num\">executions started</th><th class=\"num\">requests</th>"))
        let rows = html.components(separatedBy: "<section class=\"summary\">")[1].components(separatedBy: "</tbody>")[0]
            .components(separatedBy: "<tr>").dropFirst(2).map { String($0) }
        #expect(rows.count == 4)
        // never: no request, nothing under budget, nothing best.
        #expect(rows[3] == "<td>never</td><td class=\"num\">did not run</td><td class=\"num\">0</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">-</td></tr>\n")
        // cut is cheapest and freshest on its partial figures, but not ranked: nothing best.
        #expect(rows[2].hasPrefix("<td>cut</td><td class=\"num\">1 of 2</td>") && !rows[2].contains("best"))
        #expect(rows[1].contains("<td class=\"num best\">3.00</td>"))
    }

    @Test func chartsDrawNothingForAStrategyThatDidNotRunAndSaySo() throws {
        let html = try HTMLReport.render(ReportFixtures.partial())
        func chart(_ id: String) -> String {
            html.components(separatedBy: "<svg class=\"chart\" id=\"\(id)\"")[1].components(separatedBy: "</svg>")[0]
        }
        // Bars for the three that ran, none (not even a zero's hairline) for never.
        let polls = chart("chart-polls")
        #expect(polls.components(separatedBy: "<rect class=\"mark bar\"").count - 1 == 4 * 3)
        #expect(!polls.contains("<title>never:"))
        #expect(html.contains("This is what a strategy costs the API per job. No bars for never: it did not run.</figcaption>"))
        #expect(html.contains("<tr><td>never</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>"))
        // Legends say why a line is missing; the cost chart says why a point is.
        for id in ["chart-429", "chart-rps", "chart-lag", "chart-latency"] {
            #expect(chart(id).contains(">never (did not run)</text>"), "\(id)")
            #expect(!chart(id).contains(">cut (did not run)</text>"), "\(id)")
        }
        #expect(html.contains("no other strategy is both cheaper and fresher. Not plotted: never, which did not run.</figcaption>"))
    }

    @Test func summaryCSVMarksEveryRowOfAPartialRun() throws {
        let text = SummaryCSV.render(ReportFixtures.partial())
        #expect(try RFC4180.parse(text).first?.suffix(4) == ["executions_planned", "stopped", "partial", "status"])
        let records = try RFC4180.records(text)
        #expect(records.map { $0["executions"]! } == ["2", "2", "1", "0"])
        #expect(records.map { $0["executions_planned"]! } == ["2", "2", "2", "2"])
        #expect(records.map { $0["stopped"]! } == ["0", "0", "0", "0"])
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
        #expect(String(decoding: files[6].data, as: UTF8.self).contains("<strong>Partial results:</strong>"))
        for file in try ReportWriter.files(ReportFixtures.handMade(), formats: [.csv]) {
            let records = try RFC4180.records(String(decoding: file.data, as: UTF8.self))
            #expect(records.allSatisfy { $0["partial"] == "false" }, "\(file.name)")
        }
    }

    @Test func consoleSaysWhatStartedAndHighlightsOnlyTheRanked() {
        let result = ReportFixtures.partial()
        let plain = ConsoleTable(colour: false).render(result)
        #expect(plain.hasSuffix("partial: the run stopped early; executions started of 2 per strategy: fast 2 (finished), slow 2 (finished), cut 1, never 0 (did not run)\n"))
        let lines = ConsoleTable(colour: true).render(result).split(separator: "\n")
        #expect(lines[2].hasPrefix("fast") && lines[3].hasPrefix("slow") && lines[3].contains("\u{1B}[1;32m"))
        #expect(lines[4].hasPrefix("cut") && !lines[4].contains("\u{1B}["))
        #expect(lines[5].hasPrefix("never") && !lines[5].contains("\u{1B}["))
        // No executions, no requests: no mean and no rate, rather than a zero that reads as a result.
        let never = ConsoleTable(colour: false).render(result).split(separator: "\n")[5].split(separator: " ")
        #expect(never.prefix(5) == ["never", "0", "-", "0", "-"], "\(never)")
        #expect(Verdict(result).headline == "Of the strategies that finished, the cheapest within the 429 budget of 5.0% is slow: 3.00 requests per execution, noticing a finished job within 5.00 s at p99 (2.50 s at p50).")
    }
}
