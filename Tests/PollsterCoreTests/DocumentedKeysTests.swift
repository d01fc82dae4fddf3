import Foundation
import Testing

/// Every key the scenario loader accepts is documented in docs/scenarios.md: the test reads
/// the decoder's sources for its lists of allowed keys (the `...Keys` lists, the
/// `allowed: [...]` of each kind, and the keys every strategy shares) and fails on a key
/// the reference does not name in backticks or as `key:`.
@Suite struct DocumentedKeysTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The keys the decoder's sources list as allowed.
    static func acceptedKeys() throws -> Set<String> {
        let directory = root.appendingPathComponent("Sources/PollsterCore/Scenario")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("ScenarioDecoder") }
        let list = try NSRegularExpression(pattern: #"(?:static let \w+Keys = |allowed: (?:\w+ \+ )?|let common = )\[([^\]]*)\]"#)
        let quoted = try NSRegularExpression(pattern: #""([A-Za-z0-9]+)""#)
        var keys: Set<String> = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let whole = NSRange(text.startIndex..., in: text)
            for match in list.matches(in: text, range: whole) {
                let inner = String(text[Range(match.range(at: 1), in: text)!])
                for key in quoted.matches(in: inner, range: NSRange(inner.startIndex..., in: inner)) {
                    keys.insert(String(inner[Range(key.range(at: 1), in: inner)!]))
                }
            }
        }
        return keys
    }

    @Test func everyAcceptedKeyIsInTheScenarioReference() throws {
        let keys = try Self.acceptedKeys()
        // The lists were found: the top-level, workload, server and strategy keys at least.
        #expect(keys.isSuperset(of: ["workload", "executions", "rateLimits", "capacity", "progress", "interval", "jitter", "fallback"]), "\(keys.sorted())")
        let reference = try String(contentsOf: Self.root.appendingPathComponent("docs/scenarios.md"), encoding: .utf8)
        let undocumented = keys.filter { key in
            !reference.contains("`\(key)`") && !reference.contains("{\(key):") && !reference.contains(" \(key):") && !reference.contains(", \(key):")
        }
        #expect(undocumented.isEmpty, "keys the loader accepts that docs/scenarios.md does not mention: \(undocumented.sorted())")
    }
}
