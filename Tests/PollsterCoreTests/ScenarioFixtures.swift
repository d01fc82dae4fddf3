import Foundation
import PollsterCore

/// Shared inputs for the scenario tests.
enum ScenarioFixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PollsterCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The scenario files shipped in `scenarios/`.
    static func bundledScenarios() -> [String] {
        let directory = repositoryRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// The problems of `yaml` loaded as `t.yaml`, one line each; empty when it loads.
    static func problems(_ yaml: String, baseDirectory: String = ".") -> [String] {
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: baseDirectory)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A fresh empty directory for files a test writes.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The smallest valid scenario body (6 lines), for tests to append to or edit.
    static let minimal = """
        workload:
          executions: 10
          arrival: { kind: poisson, rate: 2/s }
          duration: 20s
        strategies:
          - { name: fixed-2s, kind: fixed, interval: 2s }
        """
}
