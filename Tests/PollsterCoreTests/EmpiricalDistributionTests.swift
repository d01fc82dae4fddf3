import Foundation
import PollsterCore
import Testing

@Suite("ScenarioLoader: empirical distributions")
struct EmpiricalDistributionTests {
    /// Writes `scenario.yaml` (the minimal scenario with an empirical duration from
    /// `data/d.csv`) and the CSV into a fresh directory, which the caller removes.
    func write(csv: String?) throws -> (directory: URL, scenario: String, csv: String) {
        let directory = try ScenarioFixtures.temporaryDirectory()
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let csvURL = data.appendingPathComponent("d.csv")
        if let csv { try csv.write(to: csvURL, atomically: true, encoding: .utf8) }
        let yaml = ScenarioFixtures.minimal.replacingOccurrences(
            of: "duration: 20s", with: "duration: { kind: empirical, file: data/d.csv }")
        let scenarioURL = directory.appendingPathComponent("scenario.yaml")
        try yaml.write(to: scenarioURL, atomically: true, encoding: .utf8)
        return (directory, scenarioURL.path, csvURL.path)
    }

    @Test func samplesLoadRelativeToTheScenarioFile() throws {
        let files = try write(csv: "duration_s\n1.5\n\n0.25\r\n# a comment\n30\n")
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let scenario = try ScenarioLoader.load(path: files.scenario)
        #expect(scenario.workload.duration == .empirical(samples: [1_500_000_000, 250_000_000, 30_000_000_000], source: "data/d.csv"))
    }

    @Test func aFileWithoutHeaderLoads() throws {
        let files = try write(csv: "2\n4\n")
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let scenario = try ScenarioLoader.load(path: files.scenario)
        #expect(scenario.workload.duration == .empirical(samples: [2_000_000_000, 4_000_000_000], source: "data/d.csv"))
    }

    @Test func badLinesNameTheCSVFileAndLine() throws {
        let files = try write(csv: "seconds\n1\nabc\n-2\n3,4\n")
        defer { try? FileManager.default.removeItem(at: files.directory) }
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(path: files.scenario)
            Issue.record("expected an error")
        } catch {
            let from = "(referenced from \(files.scenario):4)"
            #expect(error.problems.map(\.description) == [
                "\(files.csv):3: workload.duration.file: expected a number of seconds, got \"abc\" \(from)",
                "\(files.csv):4: workload.duration.file: a duration cannot be negative, got -2 \(from)",
                "\(files.csv):5: workload.duration.file: expected one value per line (seconds), got \"3,4\" \(from)",
            ])
        }
    }

    @Test func aMissingCSVIsReportedAtTheScenarioLine() throws {
        let files = try write(csv: nil)
        defer { try? FileManager.default.removeItem(at: files.directory) }
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(path: files.scenario)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(files.scenario):4: workload.duration.file: cannot read \"\(files.csv)\": No such file or directory",
            ])
        }
    }

    @Test func anEmptyCSVIsReported() throws {
        let files = try write(csv: "duration_s\n")
        defer { try? FileManager.default.removeItem(at: files.directory) }
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(path: files.scenario)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(files.scenario):4: workload.duration.file: \"\(files.csv)\" holds no samples; expected durations in seconds, one per line",
            ])
        }
    }
}
