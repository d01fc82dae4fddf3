import Foundation
import PollsterCore
@testable import PollsterLive
import Testing

/// What a live run reads from an API's responses, fed random and hostile bytes: the status
/// body reader and the rate-limit header parser never crash, and on a valid JSON document
/// the fast scanner reads what Foundation reads.
///
/// `POLLSTER_FUZZ_ITERATIONS` sets the inputs per test (default 20000, under a second);
/// `POLLSTER_FUZZ_SEED` the seed, to replay a failure reported with its seed.
@Suite struct ResponseReaderFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_ITERATIONS"] ?? "") ?? 20000
    static let seed = UInt64(ProcessInfo.processInfo.environment["POLLSTER_FUZZ_SEED"] ?? "") ?? 0xB0D1_E5

    static let statuses = ["queued", "running", "completed", "failed", "cancelled", "done", "", "RUNNING", "run\\nning", "\\u0072unning"]
    static let numbers = ["0", "42.5", "-1", "100", "1e2", "1E-2", "-0", "0.000001", "1e308", "123456789012345678901234567890", "9007199254740993"]
    /// Fragments that are not (or not only) what the scanner expects.
    static let hostile = [
        "{", "}", "[", "]", "\"", "\\", ":", ",", "\"status\"", "\"progress\"", "{\"percentage\":", "1e999", "-", "+1", "01",
        "1.", ".5", "1.e5", "tru", "nul", "\u{0}", "\u{FFFF}", "\"\\ud800\"", "NaN", "Infinity", " ", "\n",
    ]

    static func scan(_ bytes: [UInt8]) -> StatusJSONScanner.Result {
        bytes.withUnsafeBufferPointer { StatusJSONScanner.scan($0) }
    }

    /// What Foundation reads from `bytes`: nil when it is not a JSON object.
    static func foundationReading(_ bytes: [UInt8]) -> (status: String?, percentage: Double?)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        let progress = object["progress"] as? [String: Any]
        // A boolean is an NSNumber too; its type code is `c`.
        let percentage = (progress?["percentage"] as? NSNumber).flatMap { String(cString: $0.objCType) == "c" ? nil : $0.doubleValue }
        return (object["status"] as? String, percentage)
    }

    /// A random status document: the two fields, other members, nesting, escapes, and
    /// sometimes duplicate keys, in random order.
    static func document(rng: inout Xoshiro256StarStar) -> String {
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        var members: [String] = []
        for _ in 0..<(rng.next() % 5) {
            switch rng.next() % 6 {
            case 0: members.append("\"status\":\"\(pick(statuses))\"")
            case 1: members.append("\"progress\":{\"percentage\":\(pick(numbers))\(rng.next() % 2 == 0 ? ",\"step\":\"a\\\"b\"" : "")}")
            case 2: members.append("\"progress\":\(pick(["null", "42", "[1,{\"percentage\":3}]", "{}", "{\"percentage\":\"50\"}", "{\"percentage\":true}"]))")
            case 3: members.append("\"id\":\"exec_\(rng.next() % 1000)\",\"createdAt\":\"2026-01-01T00:00:00Z\"")
            case 4:
                let depth = Int(rng.next() % 40)
                members.append("\"nested\":" + String(repeating: "[{\"a\":", count: depth) + "\"}]\\\\\"" + String(repeating: "}]", count: depth))
            default: members.append("\"st\\u0061tus\":\"\(pick(statuses))\",\"x\":[true,false,null,-1.5e3,\"\\\\\"]")
            }
        }
        if rng.next() % 4 == 0, let first = members.first { members.append(first) }
        var order = members
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        return "\(pick(["", " ", "\n\t"])){\(order.joined(separator: pick([",", " , ", ",\n"])))}\(pick(["", " ", "\r\n"]))"
    }

    @Test func onValidDocumentsTheScannerAgreesWithFoundation() {
        var rng = Xoshiro256StarStar(seed: Self.seed)
        var valid = 0
        for iteration in 0..<Self.iterations {
            let bytes = Array(Self.document(rng: &rng).utf8)
            guard let expected = Self.foundationReading(bytes) else { continue }
            valid += 1
            let reading = ExecutionStatusReader.read(bytes)
            #expect(reading?.status.rawValue == expected.status.flatMap { ExecutionStatus(rawValue: $0)?.rawValue },
                "seed \(Self.seed) #\(iteration): \(String(decoding: bytes, as: UTF8.self))")
            if reading != nil {
                #expect(reading?.percentage == expected.percentage, "seed \(Self.seed) #\(iteration): \(String(decoding: bytes, as: UTF8.self))")
            }
            if case .scanned(let status, let percentage) = Self.scan(bytes) {
                #expect(status == expected.status && percentage == expected.percentage,
                    "seed \(Self.seed) #\(iteration): scanner \(String(describing: status)), \(String(describing: percentage)) for \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(valid > Self.iterations / 2)
    }

    @Test func randomAndMutatedBodiesNeverCrashTheReader() {
        var rng = Xoshiro256StarStar(seed: Self.seed ^ 1)
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        for _ in 0..<Self.iterations {
            var bytes: [UInt8]
            switch rng.next() % 3 {
            case 0:
                bytes = (0..<(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 1:
                bytes = Array(Self.document(rng: &rng).utf8)
                for _ in 0...(rng.next() % 4) where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 4 {
                    case 0: bytes.remove(at: at)
                    case 1: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 2: bytes.insert(contentsOf: Array(pick(Self.hostile).utf8), at: at)
                    default: bytes = Array(bytes.prefix(at))
                    }
                }
            default:
                bytes = Array((0..<(1 + rng.next() % 30)).map { _ in pick(Self.hostile) }.joined().utf8)
            }
            _ = ExecutionStatusReader.read(bytes)
        }
    }

    @Test(arguments: [
        String(repeating: "[", count: 200_000),
        String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000),
        "{\"status\":\"running\",\"x\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}",
        "{\"status\":\"" + String(repeating: "a", count: 1_000_000),
        "{\"status\":\"running\",\"progress\":{\"percentage\":" + String(repeating: "9", count: 100_000) + "}}",
        "{\"status\":\"running\",\"progress\":{\"percentage\":1e99999}}",
        "{\"status\":\"running\",\"status\":\"completed\"}",
        "{\"status\":\"running\\",
    ])
    func adversarialBodiesNeverCrashTheReader(_ body: String) {
        _ = ExecutionStatusReader.read(Array(body.utf8))
        _ = Self.scan(Array(body.utf8))
    }

    @Test func invalidUTF8InTheStatusIsNoStatus() {
        let body: [UInt8] = Array("{\"status\":\"run".utf8) + [0xFF, 0xC0, 0x80] + Array("ning\"}".utf8)
        #expect(ExecutionStatusReader.read(body) == nil)
    }

    @Test func rateLimitHeadersOfAnyShapeParseWithoutCrashing() {
        var rng = Xoshiro256StarStar(seed: Self.seed ^ 2)
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        let names = ["RateLimit", "RateLimit-Policy", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
            "X-RateLimit-Reset", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "ratelimit", "X-Other"]
        let pieces = ["\"apikey\"", "apikey", ";", ",", "=", "r=", "t=", "q=", "w=", "5", "-1", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999", "\"", "\\", " ", "\t", "\u{0}", "é", "١٢٣", "limit=10",
            "remaining=", "reset=3", "Wed, 21 Oct 2015 07:28:00 GMT", "1e3", "0x10", "\u{FFFD}"]
        for _ in 0..<Self.iterations {
            var fields: [(name: String, value: String)] = []
            for _ in 0..<(rng.next() % 6) {
                let value: String
                switch rng.next() % 3 {
                case 0: value = (0..<(rng.next() % 12)).map { _ in pick(pieces) }.joined()
                case 1: value = String(decoding: (0..<(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, as: UTF8.self)
                default: value = pick(pieces)
                }
                fields.append((pick(names), value))
            }
            let headers = RateLimitHeaders.parse(fields)
            for number in [headers.retryAfter, headers.limit, headers.remaining, headers.reset] {
                #expect(number.map { $0 >= 0 } ?? true, "\(fields)")
            }
        }
    }

    @Test func veryLongHeaderValuesParse() {
        let long = String(repeating: "\"apikey\";r=5;t=1, ", count: 20_000)
        let quoted = "\"" + String(repeating: "\\\"", count: 100_000)
        let headers = RateLimitHeaders.parse([
            ("RateLimit", long), ("RateLimit-Policy", quoted), ("Retry-After", String(repeating: "9", count: 100_000)),
            ("X-RateLimit-Limit", String(repeating: ",", count: 100_000)),
        ])
        #expect(headers.remaining == 5 && headers.reset == 1 && headers.retryAfter == nil)
    }

    @Test func aRetryAfterOfAnySizeIsAWaitThatDoesNotOverflow() {
        // Int.max seconds would overflow nanoseconds (it trapped before); negative waits nothing.
        #expect(RetryAfterValue.wait("2", now: 0) == Time.seconds(2))
        #expect(RetryAfterValue.wait(" 7 ", now: 0) == Time.seconds(7))
        #expect(RetryAfterValue.wait("-5", now: 0) == 0)
        #expect(RetryAfterValue.wait("\(Int.max)", now: 0) == Nanoseconds(RetryAfterValue.maxSeconds) * Time.nanosecondsPerSecond)
        #expect(RetryAfterValue.wait(Substring(String(repeating: "9", count: 100)), now: 0) == nil)
    }

    @Test func aRetryAfterDateIsAWaitUntilThen() {
        // 1994-11-06 08:49:37 GMT is Unix time 784111777.
        #expect(RetryAfterValue.wait("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_767) == Time.seconds(10))
        #expect(RetryAfterValue.wait("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_767.5) == Time.seconds(9.5))
        #expect(RetryAfterValue.wait("Sun, 06 Nov 1994 08:49:37 GMT", now: 800_000_000) == 0, "a date in the past waits nothing")
        #expect(RetryAfterValue.imfFixdate("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(RetryAfterValue.imfFixdate("Wed, 21 Oct 2026 07:28:00 GMT") == 1_792_567_680)
        #expect(RetryAfterValue.imfFixdate("Tue, 29 Feb 2028 23:59:59 GMT") == 1_835_481_599)
        for bad in ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
                    "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "", "soon"] {
            #expect(RetryAfterValue.wait(Substring(bad), now: 0) == nil, "\(bad)")
        }
    }

    @Test func aCompletedAtFarInThePastOrFutureIsNoTime() {
        // The year 9999 is about 2.5e20 ns since 1970: more than Int64 holds (it trapped before).
        let far = Array(#"{"status":"completed","completedAt":"9999-12-31T23:59:59Z"}"#.utf8)
        #expect(CompletedAtReader.completedAt(far) == nil)
        let near = Array(#"{"status":"completed","completedAt":"2026-09-21T14:13:27Z"}"#.utf8)
        #expect(CompletedAtReader.completedAt(near) == 1_790_000_007_000_000_000)
        #expect(CompletedAtReader.nanoseconds(-1e12) == nil && CompletedAtReader.nanoseconds(.nan) == nil)
    }
}
