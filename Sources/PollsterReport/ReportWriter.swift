import Foundation
import PollsterCore

/// Writes a run's output files into a directory; every file is rendered from the
/// ``RunResult`` alone, so `pollster report results.json` can write them again.
public struct ReportWriter: Sendable {
    public var directory: String
    public var formats: [ReportFormat]

    public init(directory: String, formats: [ReportFormat]) {
        self.directory = directory
        self.formats = formats
    }

    /// Writes the files; returns their paths. Formats this version cannot write yet are
    /// returned in `skipped`.
    public func write(_ result: RunResult) throws -> (written: [String], skipped: [ReportFormat]) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        var skipped: [ReportFormat] = []
        for format in formats {
            switch format {
            case .csv:
                written.append(try save(Data(SummaryCSV.render(result).utf8), as: "summary.csv"))
            case .json:
                written.append(try save(ResultsJSON.encode(result), as: "results.json"))
            case .html:
                skipped.append(.html)
            }
        }
        return (written, skipped)
    }

    private func save(_ data: Data, as name: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        return path
    }
}

/// A report file could not be written.
public enum ReportError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
