/// The output files a run writes.
public enum ReportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case csv
    case json
    case html
    /// HdrHistogram percentile-distribution files (`.hgrm`), one per strategy and measure;
    /// not written unless asked for.
    case hgrm
    /// executions.csv, one row per execution and strategy, streamed to disk during the
    /// run; not written unless asked for.
    case executions
}

/// Where and what a run writes.
public struct ReportOptions: Sendable, Hashable {
    /// Output directory; default `reports/<scenario name>`.
    public var out: String
    public var formats: [ReportFormat]
    /// Width of a time-series bucket, in scenario time. Default 1 s.
    public var bucket: Nanoseconds

    /// What a run writes unless its scenario's `report.formats` says otherwise.
    public static let defaultFormats: [ReportFormat] = [.csv, .json, .html]

    public init(out: String, formats: [ReportFormat] = defaultFormats, bucket: Nanoseconds = Time.seconds(1)) {
        self.out = out
        self.formats = formats
        self.bucket = bucket
    }
}
