import Foundation
import PollsterCore

/// Writes a run's output files into a directory; every file is rendered from the
/// ``RunResult`` alone, so `pollster report results.json` writes the same bytes again.
///
/// csv: summary.csv, timeseries.csv, latency.csv, lag.csv, and executions.csv when the run
/// kept per-execution detail; json: results.json; html: report.html; hgrm: latency-S.hgrm
/// and lag-S.hgrm per strategy S (see ``HgrmFile``).
public struct ReportWriter: Sendable {
    public var directory: String
    public var formats: [ReportFormat]

    /// A writer of `formats` into `directory` (created when missing).
    public init(directory: String, formats: [ReportFormat]) {
        self.directory = directory
        self.formats = formats
    }

    /// The files of `formats` for `result`, as (file name, contents), in writing order.
    public static func files(_ result: RunResult, formats: [ReportFormat]) throws -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = []
        for format in formats {
            switch format {
            case .csv:
                files.append(("summary.csv", Data(SummaryCSV.render(result).utf8)))
                files.append(("timeseries.csv", Data(TimeSeriesCSV.render(result).utf8)))
                files.append(("latency.csv", Data(PercentileCSV.renderLatency(result).utf8)))
                files.append(("lag.csv", Data(PercentileCSV.renderLag(result).utf8)))
                if let executions = ExecutionsCSV.render(result) {
                    files.append(("executions.csv", Data(executions.utf8)))
                }
            case .json:
                files.append(("results.json", try ResultsJSON.encode(result)))
            case .html:
                files.append(("report.html", Data(try HTMLReport.render(result).utf8)))
            case .hgrm:
                files += HgrmFile.files(result).map { ($0.name, Data($0.text.utf8)) }
            }
        }
        return files
    }

    /// Writes the files; returns their paths.
    public func write(_ result: RunResult) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        return try Self.files(result, formats: formats).map { try save($0.data, as: $0.name) }
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
