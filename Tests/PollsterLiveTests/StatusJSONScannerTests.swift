@testable import PollsterLive
import Testing

@Suite("StatusJSONScanner")
struct StatusJSONScannerTests {
    private func scan(_ body: String) -> StatusJSONScanner.Result {
        Array(body.utf8).withUnsafeBufferPointer { StatusJSONScanner.scan($0) }
    }

    @Test func apiBodiesTakeTheFastPath() {
        #expect(scan(TestServer.executionBody) == .scanned(status: "running", percentage: 42.5))
        #expect(scan(#"{"error":{"code":"RATE_LIMITED","message":"a \"b\""}}"#) == .scanned(status: nil, percentage: nil))
        #expect(scan(" { } ") == .scanned(status: nil, percentage: nil))
    }

    @Test func escapesInReadFieldsAndBrokenJSONAreLeftToTheFallback() {
        #expect(scan(#"{"status":"run\nning"}"#) == .unsure)
        #expect(scan(#"{"status":"running"} x"#) == .unsure)
        #expect(scan(#"{"progress":{"percentage":-}}"#) == .unsure)
        #expect(scan("[]") == .unsure)
    }
}
