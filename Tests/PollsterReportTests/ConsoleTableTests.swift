import Foundation
import PollsterCore
import PollsterReport
import Testing

/// The console summary: aligned, best values highlighted only with colour on.
@Suite struct ConsoleTableTests {
    @Test func plainWhenPipedColouredOnATerminal() {
        let result = ReportFixtures.handMade()
        let plain = ConsoleTable(colour: false).render(result)
        let coloured = ConsoleTable(colour: true).render(result)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;32m"))
        let lines = plain.split(separator: "\n")
        #expect(lines.count == 2 + result.strategies.count + 1)
        #expect(Set(lines.prefix(2).map(\.count)).count == 1)
        // Colour decorates cells after padding: without the escapes it is the plain table.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}[1;32m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(stripped == plain)
    }

    @Test func liveRunShowsFailedRequestsAndDashesForWhatWasNotMeasured() {
        let table = ConsoleTable(colour: false).render(ReportFixtures.live())
        #expect(table == """
            strategy  requests  polls/exec  429s  429 rate  lag p50  lag p99  lag max  abandoned  errors  latency p99
            --------  --------  ----------  ----  --------  -------  -------  -------  ---------  ------  -----------
            steady          20       10.00     1      5.0%    1.20s    2.40s    2.40s          0       2      95.04ms
            eager           40       20.00     8     20.0%    0.30s    0.60s    0.60s          0       3      95.04ms
            blind            6        3.00     0      0.0%        -        -        -          2       6            -

            """)
        // Saturation is the CLI's warning line, not part of the table.
        #expect(!table.contains("saturated"))
    }

    @Test func aStrategyWhoseRequestsAllFailedIsNeverBest() {
        let lines = ConsoleTable(colour: true).render(ReportFixtures.live()).split(separator: "\n")
        #expect(lines[2].contains("\u{1B}[1;32m"))
        #expect(lines[4].hasPrefix("blind") && !lines[4].contains("\u{1B}["))
    }
}
