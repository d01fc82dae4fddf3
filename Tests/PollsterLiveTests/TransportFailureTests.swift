import CCurl
@testable import PollsterLive
import Testing

@Suite("TransportFailure")
struct TransportFailureTests {
    static let cases: [(code: CURLcode, expected: TransportFailure)] = [
        (CURLE_COULDNT_CONNECT, .connectionRefused),
        (CURLE_COULDNT_RESOLVE_HOST, .dns),
        (CURLE_OPERATION_TIMEDOUT, .timeout),
        (CURLE_RECV_ERROR, .connectionReset),
        (CURLE_GOT_NOTHING, .connectionReset),
        (CURLE_PARTIAL_FILE, .malformedResponse),
        (CURLE_WEIRD_SERVER_REPLY, .malformedResponse),
        (CURLE_SSL_CONNECT_ERROR, .tls),
        (CURLE_PEER_FAILED_VERIFICATION, .tls),
        (CURLE_URL_MALFORMAT, .other(code: 3)),
    ]

    @Test(arguments: cases)
    func classifiesCurlCodes(code: CURLcode, expected: TransportFailure) {
        #expect(TransportFailure(curlCode: code) == expected)
    }

    @Test func otherCodesCarryCurlsText() {
        #expect(TransportFailure.other(code: 3).description.contains("URL"))
        #expect(TransportFailure.timeout.kind == "timeout")
    }
}
