import Foundation
import PollsterCore

/// Reads `status` and `progress.percentage` from an execution-status JSON body.
///
/// A small scanner handles the API's bodies without building the whole document; when it
/// meets something it does not handle (escapes in the fields it reads, unexpected
/// structure), `JSONSerialization` decides.
public enum ExecutionStatusReader {
    /// The reading, or `nil` if the body is not a JSON object with a known `status`
    /// (an error body such as a 429's, say).
    public static func read(_ body: [UInt8]) -> ExecutionStatusReading? {
        let scanned = body.withUnsafeBufferPointer { StatusJSONScanner.scan($0) }
        switch scanned {
        case .scanned(let status, let percentage):
            guard let status, let known = ExecutionStatus(rawValue: status) else { return nil }
            return ExecutionStatusReading(status: known, percentage: percentage)
        case .unsure:
            return readWithFoundation(body)
        }
    }

    /// The slow, general path.
    static func readWithFoundation(_ body: [UInt8]) -> ExecutionStatusReading? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let status = (object["status"] as? String).flatMap(ExecutionStatus.init(rawValue:))
        else { return nil }
        let progress = object["progress"] as? [String: Any]
        return ExecutionStatusReading(status: status, percentage: progress.flatMap { number($0["percentage"]) })
    }

    /// A JSON number as a Double; nil for anything else, booleans included (Foundation
    /// hands `true` over as an NSNumber that would otherwise read as 1).
    private static func number(_ value: Any?) -> Double? {
        if let boxed = value as? NSNumber, String(cString: boxed.objCType) == "c" { return nil }
        switch value {
        case let value as Double: return value
        case let value as Int: return Double(value)
        case let value as NSNumber: return value.doubleValue
        default: return nil
        }
    }
}
