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
            case .executions:
                // Streamed by ``write(_:executionLog:)``; from memory only when the run kept
                // its records there and csv did not write them already.
                if !formats.contains(.csv), let executions = ExecutionsCSV.render(result) {
                    files.append(("executions.csv", Data(executions.utf8)))
                }
            }
        }
        return files
    }

    /// Writes the files; returns their paths. With `executionLog` and the `executions`
    /// format, executions.csv is joined from the log's parts, streaming.
    public func write(_ result: RunResult, executionLog: ExecutionLog? = nil) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        var written = try Self.files(result, formats: formats).map { try save($0.data, as: $0.name) }
        if formats.contains(.executions), let executionLog {
            written.append(try join(executionLog, partial: result.partial))
        }
        return written
    }

    /// executions.csv from the log's parts in order, each row given its `partial` field,
    /// through a temporary file renamed at the end (never half-written).
    private func join(_ log: ExecutionLog, partial: Bool) throws -> String {
        let path = (directory as NSString).appendingPathComponent("executions.csv")
        let temporary = path + ".partial-write"
        do {
            FileManager.default.createFile(atPath: temporary, contents: nil)
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? output.close() }
            try output.write(contentsOf: Data((ExecutionRecord.csvColumns.joined(separator: ",") + "\r\n").utf8))
            let suffix = Array((partial ? ",true\r\n" : ",false\r\n").utf8)
            for part in log.parts {
                let input = try FileHandle(forReadingFrom: part)
                defer { try? input.close() }
                var pendingCR = false
                while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty {
                    var out: [UInt8] = []
                    out.reserveCapacity(chunk.count + chunk.count / 8)
                    for byte in chunk {
                        if byte == 0x0D { pendingCR = true; continue }
                        if byte == 0x0A && pendingCR { out += suffix; pendingCR = false; continue }
                        if pendingCR { out.append(0x0D); pendingCR = false }
                        out.append(byte)
                    }
                    try output.write(contentsOf: out)
                }
            }
            try output.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        return path
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
