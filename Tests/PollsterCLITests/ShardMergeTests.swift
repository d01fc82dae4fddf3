import Foundation
import Testing

/// `--shard I/N` and `pollster merge`, end to end: the merged shards give the unsharded
/// run's files byte for byte, and anything but a complete set of one run is refused.
@Suite struct ShardMergeTests {
    static let scenario = """
        name: sharded
        seed: 9
        workload:
          executions: 600
          arrival: { kind: poisson, rate: 5/s }
          duration: { kind: lognormal, median: 20s, p95: 60s }
          apiKeys: 7
        server:
          latency: { kind: uniform, min: 20ms, max: 80ms }
          rateLimits:
            - { scope: apiKey, algorithm: tokenBucket, rate: 1/s, burst: 3 }
        strategies:
          - { name: fixed-2s, kind: fixed, interval: 2s }
          - { name: expo, kind: exponential, initial: 1s, multiplier: 2, max: 20s, jitter: full }

        """

    func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func mergedShardsAreTheUnshardedRunByteForByte() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let file = "\(dir)/s.yaml"
        try Self.scenario.write(toFile: file, atomically: true, encoding: .utf8)
        let whole = try await CommandLineTests.pollster(["simulate", file, "--out", "\(dir)/whole", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        for count in [2, 3, 7] {
            for index in 0..<count {
                let shard = try await CommandLineTests.pollster(["simulate", file, "--shard", "\(index)/\(count)", "--out", "\(dir)/\(count)-\(index)", "--quiet"])
                #expect(shard.status == 0, "\(shard.stderr)")
            }
            let merge = try await CommandLineTests.pollster(
                ["merge"] + (0..<count).reversed().map { "\(dir)/\(count)-\($0)/results.json" } + ["--out", "\(dir)/merged-\(count)"])
            #expect(merge.status == 0, "\(merge.stderr)")
            for file in ["summary.csv", "timeseries.csv", "latency.csv", "lag.csv"] {
                #expect(try read("\(dir)/merged-\(count)/\(file)") == read("\(dir)/whole/\(file)"), "\(count) shards: \(file)")
            }
            let html = try String(contentsOfFile: "\(dir)/merged-\(count)/report.html", encoding: .utf8)
            #expect(html.contains("from \(count) shards split by API key"))
        }
    }

    @Test func onlyACompleteSetOfOneRunMerges() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let file = "\(dir)/s.yaml"
        try Self.scenario.write(toFile: file, atomically: true, encoding: .utf8)
        for (index, seed) in [(0, "9"), (1, "9"), (2, "9"), (2, "10")] {
            let out = "\(dir)/\(index)-\(seed)"
            let run = try await CommandLineTests.pollster(["simulate", file, "--shard", "\(index)/3", "--seed", seed, "--out", out, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let missing = try await CommandLineTests.pollster(["merge", "\(dir)/0-9/results.json", "\(dir)/1-9/results.json", "--out", "\(dir)/m1"])
        #expect(missing.status == 1 && missing.stderr == "error: missing shard 2/3 of sharded: merge needs all 3\n", "\(missing.stderr)")
        let seeds = try await CommandLineTests.pollster(
            ["merge", "\(dir)/0-9/results.json", "\(dir)/1-9/results.json", "\(dir)/2-10/results.json", "--out", "\(dir)/m2"])
        #expect(seeds.status == 1 && seeds.stderr.contains("seed 10, but") && seeds.stderr.split(separator: "\n").count == 1, "\(seeds.stderr)")
        let twice = try await CommandLineTests.pollster(["merge", "\(dir)/0-9/results.json", "\(dir)/0-9/results.json", "--out", "\(dir)/m3"])
        #expect(twice.status == 1 && twice.stderr.contains("shard 0/3 is given twice"), "\(twice.stderr)")
        // A global limit couples the keys: such a scenario is not split.
        let coupled = try await CommandLineTests.pollster(["simulate", "scenarios/tight-limits.yaml", "--shard", "0/2", "--out", "\(dir)/c", "--quiet"])
        #expect(coupled.status == 64 && coupled.stderr.contains("a global rate limit couples the API keys"), "\(coupled.stderr)")
        let bad = try await CommandLineTests.pollster(["simulate", file, "--shard", "3/3", "--out", "\(dir)/b"])
        #expect(bad.status == 64 && bad.stderr.contains("--shard takes I/N with 0 <= I < N"), "\(bad.stderr)")
        let whole = try await CommandLineTests.pollster(["merge", "\(dir)/0-9/results.json", "--out", "\(dir)/m4"])
        #expect(whole.status == 1)
    }
}
