import PollsterCore
import Testing

@Suite("RateParser")
struct RateParserTests {
    @Test(arguments: [
        ("20/s", 20.0),
        ("300/m", 5.0),
        ("3600/h", 1.0),
        ("0.5/s", 0.5),
        ("1.5 / s", 1.5),
    ])
    func parsesRates(text: String, perSecond: Double) throws {
        #expect(try RateParser.parse(text).perSecond == perSecond)
    }

    @Test(arguments: [
        ("20", #"missing unit in "20"; write it as 20/s, 20/m or 20/h"#),
        ("20/sec", #"unknown unit "sec" in "20/sec"; allowed: /s, /m, /h"#),
        ("fast/s", #"expected a rate like 20/s, 300/m or 1000/h, got "fast/s""#),
        ("1/s/s", #"expected a rate like 20/s, 300/m or 1000/h, got "1/s/s""#),
    ])
    func rejectsMalformedRates(text: String, message: String) {
        #expect(throws: ScalarParseError(message)) { try RateParser.parse(text) }
    }
}
