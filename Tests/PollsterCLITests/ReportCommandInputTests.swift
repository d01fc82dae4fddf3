import Foundation
import Testing

/// `pollster report` given a damaged results.json: exit status 1 and one line, `error: ...`,
/// naming the file; never a crash.
@Suite(.serialized) struct ReportCommandInputTests {
    /// A real results.json from a quick simulation, as text.
    static func realResults(in dir: String) async throws -> String {
        let run = try await CommandLineTests.pollster(["simulate", "scenarios/tight-limits.yaml", "--out", "\(dir)/run", "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        return try String(contentsOfFile: "\(dir)/run/results.json", encoding: .utf8)
    }

    @Test func damagedResultsGiveOneLineNamingTheFile() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let text = try await Self.realResults(in: dir)
        // The latency histogram, a base64 string: replaced whole by damaged ones of both formats.
        let start = try #require(text.range(of: "\"latency\":\""))
        let end = try #require(text[start.upperBound...].firstIndex(of: "\""))
        let histogram = start.lowerBound..<text.index(after: end)
        let requests = try #require(text.range(of: "\"requests\":"))
        let damaged: [(String, String)] = [
            ("truncated", String(text.prefix(text.count / 2))),
            ("huge-histogram", text.replacingCharacters(in: histogram, with: "\"latency\":[[18446744073709551615,18446744073709551615]]")),
            ("overflowing-histogram", text.replacingCharacters(in: histogram, with: "\"latency\":[[1,9223372036854775807],[2,9223372036854775807]]")),
            ("bad-base64-histogram", text.replacingCharacters(in: histogram, with: "\"latency\":\"HISTFAAA!!\"")),
            ("cut-histogram", text.replacingCharacters(in: histogram, with: "\"latency\":\"HISTFAAAADJ4nJNpmSzMwMAA\"")),
            ("negative-count", text.replacingCharacters(in: requests, with: "\"requests\":-7,\"x\":")),
            ("nan-string", text.replacingCharacters(in: requests, with: "\"requests\":\"NaN\",\"x\":")),
            ("deep", "{\"formatVersion\":1,\"scenario\":" + String(repeating: "[", count: 100_000) + "}"),
        ]
        for (name, body) in damaged {
            let path = "\(dir)/\(name).json"
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            let report = try await CommandLineTests.pollster(["report", path, "--out", "\(dir)/\(name)-out"])
            #expect(report.status == 1, "\(name): \(report.status) \(report.stderr)")
            let lines = report.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains(path), "\(name): \(report.stderr)")
        }
    }
}
