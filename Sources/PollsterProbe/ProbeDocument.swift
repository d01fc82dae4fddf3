import Foundation

/// probe.json: the report with its server block and the whole timeline.
public struct ProbeDocument: Sendable, Codable {
    /// `pollster-probe/1`.
    public var format: String
    public var server: ProbeServerBlock
    /// The `server:` block as YAML, to paste into a scenario.
    public var yaml: String
    public var report: ProbeReport

    public static let currentFormat = "pollster-probe/1"

    public init(_ report: ProbeReport) {
        format = Self.currentFormat
        server = ProbeServerBlock(report)
        yaml = report.yaml
        self.report = report
    }

    /// The JSON text, keys sorted, indented.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Only the server block of a probe.json (the rest may come from another version).
    public static func serverBlock(from data: Data) throws -> ProbeServerBlock {
        struct Head: Decodable {
            var format: String
            var server: ProbeServerBlock
        }
        let head = try JSONDecoder().decode(Head.self, from: data)
        guard head.format.hasPrefix("pollster-probe/") else {
            throw ProbeServerBlock.Problem(description: "not a probe.json (format \(head.format))")
        }
        return head.server
    }
}
