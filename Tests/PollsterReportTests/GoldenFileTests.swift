import Foundation
import PollsterCore
import PollsterReport
import Testing

/// Every file the report writes, compared byte for byte with Golden/. Refresh on purpose
/// with `POLLSTER_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests`.
@Suite struct GoldenFileTests {
    @Test func simulatedRunMatchesGoldenFiles() async throws {
        let result = try await ReportFixtures.goldenRun()
        let files = try ReportWriter.files(result, formats: [.csv, .html])
        #expect(files.map(\.name) == ["summary.csv", "timeseries.csv", "latency.csv", "lag.csv", "report.html"])
        for file in files { try Self.check(file.data, against: "simulated/" + file.name) }
    }

    @Test func handMadeRunMatchesGoldenFiles() throws {
        let files = try ReportWriter.files(ReportFixtures.handMade(), formats: [.csv, .html])
        #expect(files.map(\.name) == ["summary.csv", "timeseries.csv", "latency.csv", "lag.csv", "executions.csv", "report.html"])
        for file in files { try Self.check(file.data, against: "hand-made/" + file.name) }
    }

    @Test func liveRunMatchesGoldenFiles() throws {
        let files = try ReportWriter.files(ReportFixtures.live(), formats: [.csv, .json, .html])
        #expect(files.map(\.name) == ["summary.csv", "timeseries.csv", "latency.csv", "lag.csv", "results.json", "report.html"])
        for file in files { try Self.check(file.data, against: "live/" + file.name) }
    }

    /// Compares `data` with the golden file `name`, or writes it when updating.
    static func check(_ data: Data, against name: String) throws {
        let url = ReportFixtures.goldenDirectory.appendingPathComponent(name)
        if ReportFixtures.updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file Golden/\(name); create it with POLLSTER_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests")
            return
        }
        if data != expected {
            let actualLines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? Swift.min(actualLines.count, expectedLines.count)
            Issue.record("\(name) differs from Golden/\(name) from line \(line + 1); if the change is intended, run POLLSTER_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests")
        }
    }
}
