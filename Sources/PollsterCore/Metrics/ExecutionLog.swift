import Foundation
import Synchronization

/// executions.csv streamed to disk as a run goes (`report.formats: [..., executions]`): a
/// million executions never sit in memory. Every simulation (strategy, replication, key
/// shard) or live strategy writes its own part file in a temporary directory; the report
/// writer then joins the parts in a fixed order (strategy, replication, shard), adding the
/// `partial` column, so the file is the same for any number of jobs.
public final class ExecutionLog: Sendable {
    public let directory: URL

    /// A log in a new temporary directory.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pollster-executions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The part of `strategy`, `replication` and `shard`, created empty.
    public func part(strategy: Int, replication: Int = 0, shard: Int = 0) -> ExecutionLogPart {
        ExecutionLogPart(url: partURL(strategy: strategy, replication: replication, shard: shard))
    }

    func partURL(strategy: Int, replication: Int, shard: Int) -> URL {
        directory.appendingPathComponent(String(format: "%06d-%06d-%06d.csv", strategy, replication, shard))
    }

    /// Every part written, in joining order.
    public var parts: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Removes the temporary directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// One writer of an ``ExecutionLog``: rows buffered and appended to its file (no header,
/// no `partial` column). Safe from any thread; live runs append from several.
public final class ExecutionLogPart: Sendable {
    private struct State {
        var handle: FileHandle?
        var buffer: [UInt8] = []
    }

    private let state: Mutex<State>
    static let flushBytes = 1 << 16

    init(url: URL) {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        state = Mutex(State(handle: try? FileHandle(forWritingTo: url)))
    }

    /// Appends `record`'s row.
    public func append(_ record: ExecutionRecord) {
        let line = record.csvFields.map(Self.quoted).joined(separator: ",") + "\r\n"
        state.withLock { state in
            state.buffer.append(contentsOf: line.utf8)
            if state.buffer.count >= Self.flushBytes { Self.flush(&state) }
        }
    }

    deinit {
        close()
    }

    /// Writes what is buffered and closes the file (again: nothing).
    public func close() {
        state.withLock { state in
            Self.flush(&state)
            try? state.handle?.close()
            state.handle = nil
        }
    }

    private static func flush(_ state: inout State) {
        guard !state.buffer.isEmpty else { return }
        try? state.handle?.write(contentsOf: state.buffer)
        state.buffer.removeAll(keepingCapacity: true)
    }

    /// A field as RFC 4180 writes it (strategy names may hold commas).
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        var quoted = "\""
        for character in field { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }
}
