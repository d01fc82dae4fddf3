import PollsterCore

/// A saved results.json that cannot be used, with a one-line message naming the file.
public enum ResultsFileError: Error, CustomStringConvertible, Equatable {
    /// The file is missing or unreadable.
    case unreadable(path: String, reason: String)
    /// The file is not a results.json pollster wrote (not JSON, or missing fields).
    case notResults(path: String, reason: String)
    /// The file was written by a newer pollster.
    case unsupportedVersion(path: String, version: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notResults(let path, let reason):
            return "\(path) is not a pollster results.json: \(reason)"
        case .unsupportedVersion(let path, let version):
            return "\(path) has results format version \(version); this pollster reads version \(ResultsJSON.supportedFormatVersion) and older"
        }
    }
}
