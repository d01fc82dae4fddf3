import Foundation
import Testing

/// `pollster probe` and `pollster run --server-from` as a user runs them.
@Suite(.serialized) struct ProbeCommandTests {
    @Test func aRemoteTargetNeedsAllowRemote() async throws {
        let outcome = try await CommandLineTests.pollster(["probe", "https://api.example.com"], environment: ["POLLSTER_API_KEY": "k"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--allow-remote"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func aLoopbackTargetNeedsAKey() async throws {
        let outcome = try await CommandLineTests.pollster(["probe", "http://127.0.0.1:9", "--api-key-env", "POLLSTER_PROBE_TEST_NO_SUCH_KEY"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("POLLSTER_PROBE_TEST_NO_SUCH_KEY"))
    }

    @Test func serverFromReplacesTheRateLimits() async throws {
        let directory = CommandLineTests.temporaryDirectory()
        let probe = directory + "/probe.json"
        let document = """
        {"format": "pollster-probe/1", "server": {"rateLimits": [{"scope": "apiKey", "algorithm": "fixedWindow", "limit": 3, "window": 1}],
         "status": 503, "retryAfter": "none", "countRejected": false, "headers": ["ietf"]}}
        """
        try document.write(toFile: probe, atomically: true, encoding: .utf8)
        let outcome = try await CommandLineTests.pollster([
            "run", "scenarios/quickstart.yaml", "--mode", "simulate", "--server-from", probe, "--out", directory + "/report", "--quiet",
        ])
        #expect(outcome.status == 0 || outcome.status == 99, "\(outcome.stderr)")
        let results = try String(contentsOfFile: directory + "/report/results.json", encoding: .utf8)
        #expect(results.contains("fixedWindow") || results.contains("fixed"), "the results name the probed limit")

        try #"{"format": "pollster-probe/1", "server": {"rateLimits": [{"scope": "apiKey", "algorithm": "leakyFaucet"}], "status": 429, "retryAfter": "seconds", "countRejected": false, "headers": []}}"#
            .write(toFile: probe, atomically: true, encoding: .utf8)
        let bad = try await CommandLineTests.pollster(["run", "scenarios/quickstart.yaml", "--mode", "simulate", "--server-from", probe, "--out", directory + "/bad"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--server-from"))
        #expect(bad.stderr.contains("leakyFaucet"))
    }
}
