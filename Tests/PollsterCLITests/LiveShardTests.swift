import Foundation
import Testing

/// `pollster run --shard I/N` against one `pollster serve`: three processes at once, each
/// with its share of the API keys, merge into the run the server saw.
@Suite(.serialized) struct LiveShardTests {
    static let key = "pk_live_shards_0123456789"

    @Test func threeLiveShardsMergeToTheServersCount() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let keysFile = "\(dir)/keys.txt"
        try "\(Self.key) executions:read,executions:write\n".write(toFile: keysFile, atomically: true, encoding: .utf8)
        let (server, url, _) = try SecretsTests.serve(["--keys-file", keysFile])
        try """
            name: live-shards
            seed: 4
            mode: live
            target: \(url.absoluteString)
            apiKeyEnv: POLLSTER_SHARD_KEY
            live: { createPath: /v1/flows/flow_demo/executions }
            workload: { executions: 45, arrival: { kind: poisson, rate: 30/s }, duration: 1s, apiKeys: 9 }
            strategies: [{ name: every-300ms, kind: fixed, interval: 300ms }]
            client: { timeout: 10s }
            """.write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        let shards = try (0..<3).map { index in
            try SecretsTests.Running(["run", "\(dir)/s.yaml", "--shard", "\(index)/3", "--out", "\(dir)/\(index)", "--quiet"],
                                     environment: ["POLLSTER_SHARD_KEY": Self.key])
        }
        for (index, shard) in shards.enumerated() {
            let observed = shard.finish()
            #expect(observed.status == 0, "shard \(index): \(observed.stderr)")
        }
        let merge = try await CommandLineTests.pollster(["merge"] + (0..<3).map { "\(dir)/\($0)/results.json" } + ["--out", "\(dir)/merged"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let served = server.finish(interrupt: true)
        // "served N requests: ...; P status polls"
        let polls = try #require(served.stdout.split(separator: "\n").last { $0.hasPrefix("served ") }
            .flatMap { $0.split(separator: ";").last?.split(separator: " ").first }.flatMap { Int($0) }, "\(served.stdout)")
        let summary = try String(contentsOfFile: "\(dir)/merged/summary.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        try #require(summary.count == 2, "\(summary)")
        let header = summary[0].split(separator: ",", omittingEmptySubsequences: false)
        let row = summary[1].split(separator: ",", omittingEmptySubsequences: false)
        let column = { (name: String) in Int(row[header.firstIndex(of: Substring(name))!])! }
        #expect(column("executions") == 45)
        #expect(column("requests") == polls, "merged shards sent \(column("requests")) polls; the server counted \(polls)")
        #expect(polls > 45 * 3)
        // Each shard ran only its keys' executions (keys k with k % 3 == I).
        var started = 0
        for index in 0..<3 {
            let text = try String(contentsOfFile: "\(dir)/\(index)/summary.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
            try #require(text.count == 2, "\(text)")
            let executions = Int(text[1].split(separator: ",")[1])!
            #expect(executions > 0 && executions < 45, "shard \(index): \(executions) executions")
            started += executions
        }
        #expect(started == 45)
    }

    @Test func aLiveRunAgainstTheEmbeddedServerIsNotSplit() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        try """
            name: embedded
            mode: live
            workload: { executions: 4, arrival: { kind: burst }, duration: 1s }
            strategies: [{ name: f, kind: fixed, interval: 1s }]
            """.write(toFile: "\(dir)/s.yaml", atomically: true, encoding: .utf8)
        let run = try await CommandLineTests.pollster(["run", "\(dir)/s.yaml", "--shard", "0/2", "--out", "\(dir)/out"])
        #expect(run.status == 64)
        #expect(run.stderr == "error: --shard 0/2: a live run against the embedded server cannot be split (each process would have a server of its own); start one with pollster serve and set the scenario's target to its URL\n")
    }
}
