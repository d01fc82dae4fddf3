import Foundation
import PollsterCore

/// results.json: the whole ``RunResult``, encoded with sorted keys so that the same run
/// gives the same bytes; decoding it back gives an equal result (reports re-render from it).
public enum ResultsJSON {
    /// The newest results format version this build reads.
    public static let supportedFormatVersion = RunResult.currentFormatVersion

    /// The file's bytes for `result`.
    public static func encode(_ result: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(result)
        data.append(0x0A)
        return data
    }

    /// The result in `data`.
    public static func decode(_ data: Data) throws -> RunResult {
        try JSONDecoder().decode(RunResult.self, from: data)
    }

    /// Reads a saved results.json; errors name the file and say what is wrong in one line.
    public static func read(path: String) throws(ResultsFileError) -> RunResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory; give the results.json in it") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        struct Version: Decodable { var formatVersion: Int? }
        let version: Version
        do {
            version = try JSONDecoder().decode(Version.self, from: data)
        } catch {
            throw .notResults(path: path, reason: describe(error))
        }
        if let number = version.formatVersion, number > supportedFormatVersion {
            throw .unsupportedVersion(path: path, version: number)
        }
        do {
            return try decode(data)
        } catch {
            throw .notResults(path: path, reason: describe(error))
        }
    }

    /// A decoding error in a few words, with where in the document it happened.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func place(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "" }
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return " at " + (text.hasPrefix(".") ? String(text.dropFirst()) : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"" + place(context.codingPath)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value" + place(context.codingPath) + " (\(context.debugDescription))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "invalid value" + place(context.codingPath) + " (\(context.debugDescription))"
        @unknown default:
            return String(describing: error)
        }
    }
}
