/// The output files a run writes.
public enum ReportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case csv
    case json
    case html
}

/// Where and what a run writes.
public struct ReportOptions: Sendable, Hashable {
    /// Output directory; default `reports/<scenario name>`.
    public var out: String
    public var formats: [ReportFormat]
    /// Width of a time-series bucket, in scenario time. Default 1 s.
    public var bucket: Nanoseconds

    public init(out: String, formats: [ReportFormat] = [.csv, .json, .html], bucket: Nanoseconds = Time.seconds(1)) {
        self.out = out
        self.formats = formats
        self.bucket = bucket
    }
}
