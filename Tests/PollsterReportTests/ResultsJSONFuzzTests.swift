import Foundation
import PollsterCore
import PollsterReport
import Testing

/// Seeded mutations of real results.json files, read as `pollster report` reads them: each
/// is either rejected with one line naming the file, or read and rendered; never a crash.
///
/// `POLLSTER_FUZZ_ITERATIONS` sets the mutants per input file (default 80, a few seconds);
/// `POLLSTER_FUZZ_SEED` the seed, to replay a failure reported with its seed.
@Suite struct ResultsJSONFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_ITERATIONS"] ?? "") ?? 80
    static let seed = UInt64(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_SEED"] ?? "") ?? 0x4E5_0175

    /// Values in place of a number or a string: wrong types, huge, negative, NaN-like.
    static let oddValues = [
        "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "1e308", "1e400", "-1e400", "0.5", "-0", "0", "1e-320", "4611686018427387904",
        "\"NaN\"", "\"Infinity\"", "\"-inf\"", "NaN", "Infinity", "null", "true", "\"\"", "\"x\"", "[]", "{}",
        "[[1,2],[3]]", "[[18446744073709551615,18446744073709551615],[18446744073709551615,18446744073709551615]]",
        "[[4611686018427387904,9223372036854775807],[1,9223372036854775807]]", "[[0,0]]", "[[1,-1]]",
        "{\"bucket\":0,\"requests\":[1],\"rateLimited\":[],\"detections\":[],\"active\":[]}",
        "{\"bucket\":-1000000000,\"requests\":[-5],\"rateLimited\":[-1],\"detections\":[1],\"active\":[1]}",
        "\"\u{1F680}\\u0000\\ud800\"",
    ]

    /// Inputs: the golden simulation's results.json and a hand-made one with per-execution
    /// records and a live target.
    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        let golden = try Data(contentsOf: ReportFixtures.goldenDirectory.appendingPathComponent("simulated/input-results.json"))
        return [("golden", Array(golden)), ("hand-made", Array(try ResultsJSON.encode(ReportFixtures.handMade())))]
    }

    @Test func mutatedResultsAreRejectedInOneLineOrRendered() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-results-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = Xoshiro256StarStar(seed: Self.seed)
        var rejected = 0, rendered = 0
        for (name, bytes) in try Self.inputs() {
            for iteration in 0..<Self.iterations {
                let mutant = Self.mutate(bytes, rng: &rng)
                let path = directory.appendingPathComponent("\(name)-\(iteration).json").path
                try Data(mutant).write(to: URL(fileURLWithPath: path))
                do throws(ResultsFileError) {
                    let result = try ResultsJSON.read(path: path)
                    rendered += 1
                    // Rendering is where absurd figures would trap; an error thrown is fine.
                    let out = directory.appendingPathComponent("out").path
                    _ = try? ReportWriter(directory: out, formats: [.csv, .json, .html]).write(result)
                } catch {
                    rejected += 1
                    let line = error.description
                    let readable = line.contains(path) && !line.contains(where: \.isNewline) && line.count < 2_000
                    #expect(readable, "seed \(Self.seed), \(name) mutant \(iteration): \(line.debugDescription)")
                    if !readable { return }
                }
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        #expect(rejected > 0 && rendered > 0, "rejected \(rejected), rendered \(rendered): the mutations miss one side")
    }

    @Test func deepNestingIsRejected() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-results-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for depth in [600, 100_000] {
            let path = directory.appendingPathComponent("deep-\(depth).json").path
            let text = "{\"formatVersion\":1,\"scenario\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ResultsFileError.self) { try ResultsJSON.read(path: path) }
        }
    }

    /// `bytes` after one or two seeded mutations, of its text or of its JSON tree.
    static func mutate(_ bytes: [UInt8], rng: inout Xoshiro256StarStar) -> [UInt8] {
        var bytes = bytes
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        for _ in 0...(rng.next() % 2) {
            switch rng.next() % 8 {
            case 0:
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            case 1:
                guard !bytes.isEmpty else { break }
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            case 2, 3, 4:
                bytes = replaceToken(in: bytes, number: true, with: pick(oddValues), rng: &rng)
            case 5:
                bytes = replaceToken(in: bytes, number: false, with: pick(oddValues), rng: &rng)
            case 6:
                // A value becomes an array nested deeper than a decoder goes.
                let depth = pick([40, 600, 5_000])
                bytes = replaceToken(in: bytes, number: true,
                    with: String(repeating: "[", count: depth) + String(repeating: "]", count: depth), rng: &rng)
            default:
                bytes = removingMember(bytes, rng: &rng)
            }
        }
        return bytes
    }

    /// `bytes` with one number (or string) token, chosen at random, replaced by `value`.
    static func replaceToken(in bytes: [UInt8], number: Bool, with value: String, rng: inout Xoshiro256StarStar) -> [UInt8] {
        var tokens: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                end = min(end + 1, bytes.count)
                // A string that is a value (not a key: no colon follows).
                if !number, end < bytes.count, bytes[end] != UInt8(ascii: ":") { tokens.append(index..<end) }
                index = end
            } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index + 1
                while end < bytes.count, "0123456789.eE+-".utf8.contains(bytes[end]) { end += 1 }
                if number { tokens.append(index..<end) }
                index = end
            } else {
                index += 1
            }
        }
        guard !tokens.isEmpty else { return bytes }
        var copy = bytes
        copy.replaceSubrange(tokens[Int(rng.next() % UInt64(tokens.count))], with: Array(value.utf8))
        return copy
    }

    /// `bytes` without one object member at any depth, when it is JSON; unchanged otherwise.
    static func removingMember(_ bytes: [UInt8], rng: inout Xoshiro256StarStar) -> [UInt8] {
        guard var root = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return bytes }
        func remove(_ value: inout Any, depth: Int) {
            if var object = value as? [String: Any], !object.isEmpty {
                let keys = object.keys.sorted()
                let key = keys[Int(rng.next() % UInt64(keys.count))]
                if depth > 6 || rng.next() % 3 == 0 {
                    object[key] = nil
                } else {
                    var child = object[key]!
                    remove(&child, depth: depth + 1)
                    object[key] = child
                }
                value = object
            } else if var array = value as? [Any], !array.isEmpty {
                let at = Int(rng.next() % UInt64(array.count))
                remove(&array[at], depth: depth + 1)
                value = array
            }
        }
        remove(&root, depth: 0)
        return (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])).map(Array.init) ?? bytes
    }
}
