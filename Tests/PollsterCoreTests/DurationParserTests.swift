import PollsterCore
import Testing

@Suite("DurationParser")
struct DurationParserTests {
    @Test(arguments: [
        ("250ms", Nanoseconds(250_000_000)),
        ("2s", 2_000_000_000),
        ("1.5s", 1_500_000_000),
        ("0.1s", 100_000_000),
        (".5s", 500_000_000),
        ("10m", 600_000_000_000),
        ("1h", 3_600_000_000_000),
        ("1h30m", 5_400_000_000_000),
        ("2m30s", 150_000_000_000),
        ("500us", 500_000),
        ("500µs", 500_000),
        ("100ns", 100),
        ("1.25ms", 1_250_000),
        ("0", 0),
        (" 2s ", 2_000_000_000),
        ("-2s", -2_000_000_000),
    ])
    func parsesDurations(text: String, expected: Nanoseconds) throws {
        #expect(try DurationParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("2", #"missing unit in "2"; write it as 2s, 2ms or 2m (units: ns, us, ms, s, m, h)"#),
        ("2sec", #"unknown unit "sec" in "2sec"; allowed units: ns, us, ms, s, m, h"#),
        ("2 s", #"expected a duration like 250ms, 2s or 10m, got "2 s""#),
        ("fast", #"expected a duration like 250ms, 2s or 10m, got "fast""#),
        ("", #"expected a duration like 250ms, 2s or 10m, got """#),
        ("1.2.3s", #"expected a duration like 250ms, 2s or 10m, got "1.2.3s""#),
        ("s", #"expected a duration like 250ms, 2s or 10m, got "s""#),
        ("99999999999h", #""99999999999h" is too long; durations are limited to about 292 years"#),
    ])
    func rejectsMalformedDurations(text: String, message: String) {
        #expect(throws: ScalarParseError(message)) { try DurationParser.parse(text) }
    }

    @Test(arguments: [Nanoseconds(1), 1_000, 250_000_000, 1_500_000_000, 90_000_000_000, 5_400_000_000_000, 86_400_000_000_000])
    func readsWhatTimeDescribeWrites(value: Nanoseconds) throws {
        #expect(try DurationParser.parse(Time.describe(value)) == value)
    }
}
