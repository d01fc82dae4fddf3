import Foundation
import Testing
@testable import PollsterCore

/// The `live:` section: where a live run against a real API gets executions.
@Suite struct LiveSettingsTests {
    @Test func executionIdsAreReadFromAFileBesideTheScenario() throws {
        let directory = try ScenarioFixtures.temporaryDirectory()
        try "# ids of jobs that exist\nexec_1\n\nexec_2\r\nexec_3\n".write(to: directory.appendingPathComponent("ids.txt"), atomically: true, encoding: .utf8)
        let yaml = "target: https://api.example.com\nlive:\n  executionIds: ids.txt\n  maxRequestRate: 20/s\n" + ScenarioFixtures.minimal
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: directory.path)
        #expect(scenario.live.executions == .ids(["exec_1", "exec_2", "exec_3"], file: "ids.txt"))
        #expect(scenario.live.maxRequestRate == Rate(perSecond: 20))
    }

    @Test func createPathTakesAnOptionalBody() throws {
        let yaml = "live:\n  createPath: /v1/flows/f1/executions\n  createBody: '{\"input\": 1}'\n" + ScenarioFixtures.minimal
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "t.yaml", baseDirectory: ".")
        #expect(scenario.live.executions == .create(path: "/v1/flows/f1/executions", body: "{\"input\": 1}"))
        let bare = try ScenarioLoader.load(yaml: "live: { createPath: /x }\n" + ScenarioFixtures.minimal, file: "t.yaml", baseDirectory: ".")
        #expect(bare.live.executions == .create(path: "/x", body: "{}"))
    }

    @Test(arguments: [
        ("live: { executionIds: missing.txt }\n", "t.yaml:1: live.executionIds: cannot read missing.txt"),
        ("live: { executionIds: a.txt, createPath: /x }\n", "t.yaml:1: live.createPath: give either executionIds or createPath, not both"),
        ("live: { createPath: v1/x }\n", "t.yaml:1: live.createPath: expected a path starting with /"),
        ("live: { createBody: '{}' }\n", "t.yaml:1: live.createBody: only applies with createPath"),
        ("live: { maxRequestRate: fast }\n", "t.yaml:1: live.maxRequestRate:"),
        ("live: { ids: a.txt }\n", "t.yaml:1: live.ids: unknown key"),
    ])
    func mistakesAreReportedWithLineAndKey(_ yaml: String, _ expected: String) {
        let problems = ScenarioFixtures.problems(yaml + ScenarioFixtures.minimal)
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }
}
