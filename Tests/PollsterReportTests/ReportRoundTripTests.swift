import Foundation
import PollsterCore
import PollsterReport
import Testing

/// `pollster report results.json` writes the run's own bytes: encode, decode, render
/// equals render.
@Suite struct ReportRoundTripTests {
    @Test func decodedResultRendersTheSameFiles() async throws {
        var result = await ReportFixtures.simulated()
        result.executions = ReportFixtures.handMade().executions
        let decoded = try ResultsJSON.decode(ResultsJSON.encode(result))
        let original = try ReportWriter.files(result, formats: [.csv, .json, .html])
        let again = try ReportWriter.files(decoded, formats: [.csv, .json, .html])
        #expect(original.map(\.name) == again.map(\.name))
        for (a, b) in zip(original, again) { #expect(a.data == b.data, "\(a.name) differs after a round trip") }
    }

    @Test func liveResultsRoundTripWithFailuresAndMeasurements() throws {
        let result = ReportFixtures.live()
        let json = try ResultsJSON.encode(result)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"failures\":{\"connection_refused\":1,\"timeout\":1}"))
        #expect(text.contains("\"saturation\":{\"causes\":[\"client\",\"server\"]"))
        let decoded = try ResultsJSON.decode(json)
        #expect(decoded == result)
        let original = try ReportWriter.files(result, formats: [.csv, .json, .html])
        let again = try ReportWriter.files(decoded, formats: [.csv, .json, .html])
        for (a, b) in zip(original, again) { #expect(a.data == b.data, "\(a.name) differs after a round trip") }
    }

    /// A results.json written before failures were counted by kind and live runs measured
    /// themselves (format 1 without `failures` and `live`) still reads, and renders as before.
    @Test func formatOneResultsWithoutFailuresOrLiveStillDecode() throws {
        let directory = ReportFixtures.goldenDirectory
        let path = directory.appendingPathComponent("format-1/results.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"formatVersion\":1") && !text.contains("\"failures\"") && !text.contains("\"live\""))
        let result = try ResultsJSON.read(path: path)
        #expect(result.strategies.count == 3)
        for strategy in result.strategies {
            #expect(strategy.metrics.failures.total == 0 && strategy.metrics.timeSeries.failures.isEmpty)
            #expect(strategy.metrics.live == nil)
        }
        // The same run as Golden/simulated/: the same summary, with the new columns.
        let golden = try Data(contentsOf: directory.appendingPathComponent("simulated/summary.csv"))
        #expect(Data(SummaryCSV.render(result).utf8) == golden)
    }

    @Test func writtenDirectoryRendersAgainByteForByte() async throws {
        let result = await ReportFixtures.simulated()
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let first = base.appendingPathComponent("run").path, second = base.appendingPathComponent("again").path
        let written = try ReportWriter(directory: first, formats: [.csv, .json, .html]).write(result)
        let reread = try ResultsJSON.read(path: first + "/results.json")
        let rewritten = try ReportWriter(directory: second, formats: [.html, .csv, .json]).write(reread)
        #expect(written.count == 6 && rewritten.count == 6)
        for path in written {
            let name = (path as NSString).lastPathComponent
            #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: second + "/" + name), "\(name) differs")
        }
    }

    @Test func resultsWithoutExecutionsOmitTheKey() async throws {
        let json = String(decoding: try ResultsJSON.encode(await ReportFixtures.simulated()), as: UTF8.self)
        #expect(!json.contains("\"executions\":["))
        let withRecords = String(decoding: try ResultsJSON.encode(ReportFixtures.handMade()), as: UTF8.self)
        #expect(withRecords.contains("\"executions\":["))
        #expect(try ResultsJSON.decode(Data(withRecords.utf8)) == ReportFixtures.handMade())
    }

    @Test func unusableResultsFilesGiveOneLineErrorsNamingTheFile() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let cases: [(String, String?, String)] = [
            ("missing.json", nil, "cannot read \(base.path)/missing.json: no such file"),
            ("truncated.json", "{\"formatVersion\": 1, \"scen", "\(base.path)/truncated.json is not a pollster results.json: not valid JSON"),
            ("other.json", "{\"name\": \"x\"}", "\(base.path)/other.json is not a pollster results.json: missing \"formatVersion\""),
            ("future.json", "{\"formatVersion\": 9}", "\(base.path)/future.json has results format version 9; this pollster reads version 2 and older"),
        ]
        for (name, contents, message) in cases {
            let path = base.appendingPathComponent(name).path
            if let contents { try Data(contents.utf8).write(to: URL(fileURLWithPath: path)) }
            #expect(throws: ResultsFileError.self) { try ResultsJSON.read(path: path) }
            do {
                _ = try ResultsJSON.read(path: path)
            } catch {
                #expect(error.description == message)
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(throws: ResultsFileError.self) { try ResultsJSON.read(path: base.path) }
    }
}
