import Testing
@testable import PollsterLive

@Suite struct ResponseHeadersTests {
    let headers = ResponseHeaders(lines: Array("Content-Type: application/json\nRetry-After:  3 \nVary: a\nvary: b\n".utf8))

    @Test func fieldsAreFoundInAnyCaseAndRepeatsJoined() {
        #expect(headers["retry-after"] == "3")
        #expect(headers["RETRY-AFTER"] == "3")
        #expect(headers["Vary"] == "a, b")
        #expect(headers["x-missing"] == nil)
    }

    @Test func allFieldsByLowercasedName() {
        #expect(headers.all == ["content-type": "application/json", "retry-after": "3", "vary": "a, b"])
        #expect(ResponseHeaders(["X-Test": "yes"])["x-test"] == "yes")
    }
}
