import Foundation
import PollsterCore
import Testing

/// Seeded mutations of the shipped scenarios: loading any of them either succeeds or fails
/// with problems a user can read, one line each, naming the file; it never crashes.
///
/// `POLLSTER_FUZZ_ITERATIONS` sets the mutants per scenario file (default 1000, a few
/// seconds); `POLLSTER_FUZZ_SEED` the seed, to replay a failure reported with its seed.
@Suite struct ScenarioFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_ITERATIONS"] ?? "") ?? 1000
    static let seed = UInt64(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_SEED"] ?? "") ?? 0x5CE9_A210

    /// Values that are the wrong type, out of range, empty, enormous or odd text.
    static let oddScalars = [
        "", "~", "null", "-1", "0", "-0.5", "1e309", "-1e309", ".nan", ".inf", "-.inf", "NaN",
        "99999999999999999999999999", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
        "true", "[]", "{}", "[1, 2", "{ kind: ", "\"\"", "'x'", "\"line\\nbreak\"", "\"tab\\there\"",
        "\"\\u0000\"", "ünïcødé", "🚀/s", "10/ms", "1/0s", "0/s", "-5/s", "1e300/s", "9999999999d", "-3s", "1e400ms",
        "5xs", "P1D", "&anchor", "*alias", "!!binary AAAA", "<<: *x", "|\n  block", ">-", "? complex",
        "%TAG", "@", "`", "'unterminated", "\"unterminated",
        String(repeating: "9", count: 400), String(repeating: "x", count: 5000),
    ]

    static var scenarioFiles: [(name: String, text: String)] {
        ScenarioFixtures.bundledScenarios().map { path in
            ((path as NSString).lastPathComponent, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }
    }

    @Test func theShippedScenariosAreThere() {
        #expect(Self.scenarioFiles.count >= 4)
        #expect(Self.scenarioFiles.allSatisfy { !$0.text.isEmpty })
    }

    @Test func mutatedScenariosLoadOrFailWithOneLineProblemsNamingTheFile() throws {
        let baseDirectory = ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios").path
        var rng = Xoshiro256StarStar(seed: Self.seed)
        var loaded = 0, rejected = 0
        for (name, text) in Self.scenarioFiles {
            for iteration in 0..<Self.iterations {
                let mutant = Self.mutate(text, rng: &rng)
                let file = "fuzz/\(iteration)-\(name)"
                do throws(ScenarioError) {
                    _ = try ScenarioLoader.load(yaml: mutant, file: file, baseDirectory: baseDirectory)
                    loaded += 1
                } catch {
                    rejected += 1
                    let bad = Self.unreadableProblems(error, file: file)
                    #expect(bad.isEmpty, "seed \(Self.seed), \(file): \(bad)\n--- mutant ---\n\(mutant)")
                    if !bad.isEmpty { return }
                }
            }
        }
        #expect(loaded + rejected == Self.iterations * Self.scenarioFiles.count)
        #expect(rejected > 0, "no mutant was rejected: the mutations are not reaching the validator")
    }

    /// The problems of `error` that are not one non-empty line starting with the scenario
    /// file (or a CSV file it references) followed by `:`.
    static func unreadableProblems(_ error: ScenarioError, file: String) -> [String] {
        guard !error.problems.isEmpty else { return ["an error without problems"] }
        return error.problems.compactMap { problem in
            let line = problem.description
            let namesAFile = problem.file == file || problem.file.hasSuffix(".csv")
            guard namesAFile, line.hasPrefix(problem.file + ":"), !problem.message.isEmpty,
                !line.contains(where: \.isNewline)
            else { return line.debugDescription }
            return nil
        }
    }

    /// `text` after one to three seeded mutations.
    static func mutate(_ text: String, rng: inout Xoshiro256StarStar) -> String {
        var lines = text.components(separatedBy: "\n")
        func anyLine() -> Int { Int(rng.next() % UInt64(max(lines.count, 1))) }
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        for _ in 0...(rng.next() % 3) {
            guard !lines.isEmpty else { lines = [""]; continue }
            let at = anyLine()
            switch rng.next() % 10 {
            case 0:
                lines.remove(at: at)
            case 1:
                lines.insert(lines[at], at: at)
            case 2:
                lines.swapAt(at, anyLine())
            case 3, 4, 5:
                // A scalar (after `key:` or in a flow mapping) becomes an odd value.
                let line = lines[at]
                let colons = line.indices.filter { line[$0] == ":" }
                guard let colon = colons.isEmpty ? nil : pick(colons) else { lines[at] = line + pick(oddScalars); break }
                let after = line[line.index(after: colon)...]
                let end = after.firstIndex { $0 == "," || $0 == "}" } ?? line.endIndex
                lines[at] = String(line[...colon]) + " " + pick(oddScalars) + String(line[end...])
            case 6:
                let cut = Int(rng.next() % UInt64(text.utf8.count + 1))
                return String(decoding: Array(lines.joined(separator: "\n").utf8).prefix(cut), as: UTF8.self)
            case 7:
                let line = lines[at]
                lines[at] = rng.next() % 2 == 0 ? "   " + line : String(line.drop { $0 == " " })
            case 8:
                let bytes = (0..<(1 + rng.next() % 24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let line = lines[at]
                let offset = Int(rng.next() % UInt64(line.count + 1))
                let index = line.index(line.startIndex, offsetBy: offset)
                lines[at] = String(line[..<index]) + String(decoding: bytes, as: UTF8.self) + String(line[index...])
            default:
                // A key becomes an unknown, empty, duplicated or odd one.
                let line = lines[at]
                guard let colon = line.firstIndex(of: ":") else { break }
                let indent = line.prefix { $0 == " " || $0 == "-" }
                lines[at] = indent + pick(["", "\"\"", "bogus", "\"a\\nb\"", "ünï", "executions", "name", "- x"]) + String(line[colon...])
            }
        }
        return lines.joined(separator: "\n")
    }
}
