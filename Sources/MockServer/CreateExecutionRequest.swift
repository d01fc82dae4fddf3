#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PollsterCore

/// The optional body of `POST /v1/flows/{flowId}/executions`: tests may fix the run time,
/// queue time and outcome; otherwise the configured workload decides them.
struct CreateExecutionRequest: Decodable, Sendable {
    /// Run time in milliseconds of scenario time.
    var durationMs: Double?
    /// Time pending before running, in milliseconds.
    var queueMs: Double?
    var outcome: Outcome?
    var metadata: [String: JSONValue]?

    /// The longest run or queue time accepted: 30 days.
    static let maximumMilliseconds: Double = 30 * 24 * 3600 * 1000

    /// Parses and checks a body; the error says what is wrong.
    static func parse(_ body: [UInt8]?) -> Result<CreateExecutionRequest, APIError> {
        guard let body, body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            return .success(CreateExecutionRequest())
        }
        let request: CreateExecutionRequest
        do {
            request = try JSONDecoder().decode(CreateExecutionRequest.self, from: Data(body))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            return .failure(.invalidRequest("The body must be a JSON object"))
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            if field == "outcome" {
                let allowed = Outcome.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(.invalidRequest("Invalid value for 'outcome' (allowed: \(allowed))"))
            }
            return .failure(.invalidRequest("Invalid value for '\(field)'"))
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(.invalidRequest("Wrong type for '\(field)'"))
        } catch {
            return .failure(.invalidRequest("The body is not valid JSON"))
        }
        for (name, value) in [("durationMs", request.durationMs), ("queueMs", request.queueMs)] {
            if let value, !(value >= 0 && value <= maximumMilliseconds) {
                return .failure(.invalidRequest("'\(name)' must be a number of milliseconds from 0 to \(Int(maximumMilliseconds))"))
            }
        }
        return .success(request)
    }
}
