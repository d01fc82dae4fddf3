import Foundation
@testable import MockServer
import PollsterCore
import Testing

/// The hand-written JSON and timestamps against Foundation's.
struct JSONRenderingTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_790_000_000_123_456_789), "2026-09-21T14:13:20.123Z"),
        (Int64(951_782_400_000_000_000), "2000-02-29T00:00:00.000Z"),
        (Int64(-1_000_000), "1969-12-31T23:59:59.999Z"),
        (Int64(4_102_444_799_999_000_000), "2099-12-31T23:59:59.999Z"),
    ])
    func iso8601(_ nanoseconds: Int64, _ expected: String) {
        #expect(ISO8601Timestamp.format(unixNanoseconds: nanoseconds) == expected)
    }

    @Test func iso8601AgreesWithFoundationOverManyDays() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var rng = Xoshiro256StarStar(seed: 5)
        for _ in 0..<2000 {
            let milliseconds = Int64(rng.next() % 8_000_000_000_000)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(ISO8601Timestamp.format(unixNanoseconds: milliseconds * 1_000_000) == formatter.string(from: date))
        }
    }

    @Test func resourceBytesDecodeToTheSameResource() throws {
        let resource = ExecutionResource(
            id: "exec_1", flowId: "flow \"quoted\"\n\\", version: "1", status: .failed,
            progress: .init(step: "transform", percentage: 33.333333333333336),
            createdAt: "2026-01-01T00:00:00.000Z", completedAt: "2026-01-01T00:00:01.500Z",
            output: ["n": .number(1.5), "list": .array([.null, .bool(true), .string("\u{01}é")])],
            error: .init(code: "STEP_FAILED", message: "tab\there", step: "publish"),
            metrics: .init(queueMs: 0.5, runMs: 1500, stepsCompleted: 3, stepsTotal: 4),
            artifacts: ["fetch-data": .init(uri: "artifact://x", sizeBytes: 2048)],
            metadata: ["nested": .object(["a": .number(-3), "b": .number(1e-7)])]
        )
        let bytes = resource.jsonBytes()
        let decoded = try JSONDecoder().decode(ExecutionResource.self, from: Data(bytes))
        #expect(decoded == resource)
        let viaFoundation = try JSONDecoder().decode(ExecutionResource.self, from: JSONEncoder().encode(resource))
        #expect(viaFoundation == decoded)
    }

    @Test func absentFieldsAreOmitted() throws {
        let resource = ExecutionResource(id: "exec_1", flowId: "f", version: "1", status: .pending, createdAt: "t")
        let text = String(decoding: resource.jsonBytes(), as: UTF8.self)
        #expect(text == #"{"id":"exec_1","flowId":"f","version":"1","status":"pending","createdAt":"t","metadata":{}}"#)
    }

    @Test func errorBodies() {
        let text = String(decoding: APIError.executionNotFound.body(), as: UTF8.self)
        #expect(text == #"{"error":{"code":"EXECUTION_NOT_FOUND","message":"Execution doesn't exist"}}"#)
    }
}
