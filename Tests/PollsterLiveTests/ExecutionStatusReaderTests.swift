import PollsterCore
import PollsterLive
import Testing

@Suite("ExecutionStatusReader")
struct ExecutionStatusReaderTests {
    static let cases: [(body: String, expected: ExecutionStatusReading?)] = [
        (#"{"id":"exec_1","status":"running","progress":{"step":"x","percentage":42.5}}"#,
         ExecutionStatusReading(status: .running, percentage: 42.5)),
        (#"{"id":"exec_1","status":"pending","createdAt":"2025-01-01T00:00:00Z"}"#,
         ExecutionStatusReading(status: .pending)),
        (#"{"status":"running","progress":{"percentage":7}}"#,
         ExecutionStatusReading(status: .running, percentage: 7)),
        (#"{"progress":{"step":"a","percentage":4.25e1,"eta":null},"status":"running"}"#,
         ExecutionStatusReading(status: .running, percentage: 42.5)),
        // Pretty-printed, with nested objects that have their own "status" and "percentage".
        ("""
         {
           "id" : "exec_2",
           "output" : { "status" : "failed", "rows" : [1, 2, {"percentage": 99}] },
           "status" : "completed",
           "completedAt" : "2025-01-01T00:00:10Z",
           "metrics" : { "durationMs" : 10000, "ok" : true, "retries" : null }
         }
         """, ExecutionStatusReading(status: .completed)),
        (#"{"id":"exec_3","status":"failed","error":{"code":"STEP_FAILED","message":"quote \" and \\ inside","step":"load"}}"#,
         ExecutionStatusReading(status: .failed)),
        (#"{"status":"cancelled","progress":null}"#, ExecutionStatusReading(status: .cancelled)),
        // Escapes in a field the scanner reads: decided by the fallback parser.
        (#"{"st\u0061tus":"running","progress":{"percentage":10}}"#,
         ExecutionStatusReading(status: .running, percentage: 10)),
        (#"{"status":"compl\u0065ted"}"#, ExecutionStatusReading(status: .completed)),
        // Not an execution: an error body, an unknown status, broken or non-object JSON.
        (#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#, nil),
        (#"{"status":"paused"}"#, nil),
        (#"{"status":"running""#, nil),
        (#"{"status":"running","x":tru}"#, nil),
        (#"["status","running"]"#, nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func readsStatusAndPercentage(body: String, expected: ExecutionStatusReading?) {
        #expect(ExecutionStatusReader.read(Array(body.utf8)) == expected)
    }
}
