import Foundation

/// Writes a plan's output files into a directory (created when missing).
public struct PlanOutput: Sendable {
    public var directory: String

    /// Files go into `directory`.
    public init(directory: String) { self.directory = directory }

    /// Writes `data` as `name`; returns the file's path.
    @discardableResult
    public func write(_ data: Data, as name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Writes `text` (UTF-8) as `name`; returns the file's path.
    @discardableResult
    public func write(_ text: String, as name: String) throws -> String {
        try write(Data(text.utf8), as: name)
    }
}
