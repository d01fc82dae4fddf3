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
}
