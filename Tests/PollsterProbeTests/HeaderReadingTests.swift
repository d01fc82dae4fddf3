import Testing
@testable import PollsterProbe

/// Header sets as real APIs send them (recorded or taken from their documentation), odd
/// ones included, read by ``HeaderReading``.
@Suite struct HeaderReadingTests {
    /// 2026-12-02 10:00:00 UTC.
    let now = 1_796_205_600.0

    func read(_ fields: [(String, String)]) -> HeaderReading {
        HeaderReading.read(fields.map { (name: $0.0, value: $0.1) }, now: now)
    }

    @Test func ietfDraftPolicyAndRemaining() {
        let reading = read([
            ("RateLimit-Policy", #""burst";q=100;w=60;qu="requests";pk=:dXNlcjE=:, "daily";q=1000;w=86400"#),
            ("RateLimit", #""burst";r=42;t=17, "daily";r=700;t=3000"#),
        ])
        #expect(reading.families == ["ietf"])
        #expect(reading.limit == 100)
        #expect(reading.remaining == 42)
        #expect(reading.reset == ResetReading(seconds: 17, form: .deltaSeconds, raw: "t=17"))
        #expect(reading.window == 60)
        #expect(reading.quotaUnit == "requests")
        #expect(reading.partitionKey == ":dXNlcjE=:")
        #expect(reading.policyName == "burst")
        #expect(reading.notes.contains { $0.contains("2 policies") })
    }

    @Test func ietfOlderDictionaryForm() {
        let reading = read([("RateLimit", "limit=10, remaining=5, reset=3")])
        #expect(reading.limit == 10)
        #expect(reading.remaining == 5)
        #expect(reading.reset?.seconds == 3)
    }

    @Test func githubResetIsAUnixTime() {
        let reading = read([
            ("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "4987"), ("x-ratelimit-used", "13"),
            ("x-ratelimit-reset", "1796206500"), ("x-ratelimit-resource", "core"),
        ])
        #expect(reading.families == ["github"])
        #expect(reading.limit == 5000)
        #expect(reading.remaining == 4987)
        #expect(reading.used == 13)
        #expect(reading.reset?.form == .epochSeconds)
        #expect(reading.reset?.seconds == 900)
        #expect(reading.bucket == "core")
    }

    @Test func discordPrefersThePreciseResetAfter() {
        let reading = read([
            ("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1796205601.250"),
            ("X-RateLimit-Reset-After", "1.25"), ("X-RateLimit-Bucket", "abcd1234"), ("X-RateLimit-Scope", "user"),
        ])
        #expect(reading.families == ["discord"])
        #expect(reading.reset == ResetReading(seconds: 1.25, form: .deltaSeconds, raw: "1.25"))
        #expect(reading.bucket == "abcd1234")
        #expect(reading.scope == "user")
    }

    @Test func xTwitterHyphenatedFamily() {
        let reading = read([("x-rate-limit-limit", "900"), ("x-rate-limit-remaining", "899"), ("x-rate-limit-reset", "1796206500")])
        #expect(reading.families == ["x"])
        #expect(reading.limit == 900)
        #expect(reading.reset?.seconds == 900)
        #expect(reading.reset?.form == .epochSeconds)
    }

    @Test func gitlabResetAndResetTime() {
        let reading = read([
            ("RateLimit-Limit", "600"), ("RateLimit-Observed", "67"), ("RateLimit-Remaining", "533"),
            ("RateLimit-Reset", "1796205660"), ("RateLimit-ResetTime", "Wed, 02 Dec 2026 10:01:00 GMT"), ("RateLimit-Name", "throttle_authenticated_api"),
        ])
        #expect(reading.families == ["gitlab"])
        #expect(reading.used == 67)
        #expect(reading.remaining == 533)
        #expect(reading.reset?.seconds == 60)
        #expect(reading.policyName == "throttle_authenticated_api")
    }

    @Test func olderDraftDeltaReset() {
        let reading = read([("RateLimit-Limit", "100"), ("RateLimit-Remaining", "99"), ("RateLimit-Reset", "30")])
        #expect(reading.families == ["ratelimit-draft"])
        #expect(reading.reset?.form == .deltaSeconds)
        #expect(reading.reset?.seconds == 30)
    }

    @Test func openAIResetsWithLetters() {
        let reading = read([
            ("x-ratelimit-limit-requests", "60"), ("x-ratelimit-remaining-requests", "59"), ("x-ratelimit-reset-requests", "1m30s"),
            ("x-ratelimit-limit-tokens", "150000"), ("x-ratelimit-remaining-tokens", "149984"), ("x-ratelimit-reset-tokens", "6ms"),
        ])
        #expect(reading.families == ["openai"])
        #expect(reading.limit == 60)
        #expect(reading.remaining == 59)
        #expect(reading.reset == ResetReading(seconds: 90, form: .duration, raw: "1m30s"))
        #expect(reading.notes.contains { $0.contains("tokens") })
    }

    @Test func goDurations() {
        #expect(ResetReading.durationSeconds("6ms") == 0.006)
        #expect(ResetReading.durationSeconds("1m30s") == 90)
        #expect(ResetReading.durationSeconds("2h1m0.5s") == 7260.5)
        #expect(ResetReading.durationSeconds("17µs") == 17e-6)
        #expect(ResetReading.durationSeconds("soon") == nil)
        #expect(ResetReading.durationSeconds("5") == nil)
        #expect(ResetReading.durationSeconds("") == nil)
    }

    @Test func shopifyCallLimit() {
        let reading = read([("X-Shopify-Shop-Api-Call-Limit", "32/40"), ("Retry-After", "2.0")])
        #expect(reading.families == ["shopify", "retry-after"] || reading.families == ["retry-after", "shopify"])
        #expect(reading.used == 32)
        #expect(reading.limit == 40)
        #expect(reading.remaining == 8)
        #expect(reading.retryAfter?.seconds == 2)
    }

    @Test func azureMinusOneIsNotReported() {
        let reading = read([
            ("x-ms-ratelimit-remaining-subscription-global-reads", "-1"),
            ("x-ms-ratelimit-remaining-subscription-reads", "11999"),
            ("x-ms-ratelimit-remaining-resource", "Microsoft.Compute/HighCostGet3Min;107"),
        ])
        #expect(reading.families == ["azure"])
        #expect(reading.remaining == 107)
        #expect(reading.bucket == "Microsoft.Compute/HighCostGet3Min")
        #expect(reading.notes.contains { $0.contains("-1 read as not reported") })
        let only = read([("x-ms-ratelimit-remaining-subscription-writes", "-1")])
        #expect(only.remaining == nil)
    }

    @Test func retryAfterSecondsAndHTTPDate() {
        #expect(read([("Retry-After", "3")]).retryAfter == ResetReading(seconds: 3, form: .deltaSeconds, raw: "3"))
        let date = read([("Retry-After", "Wed, 02 Dec 2026 10:00:07 GMT")])
        #expect(date.retryAfter == ResetReading(seconds: 7, form: .httpDate, raw: "Wed, 02 Dec 2026 10:00:07 GMT"))
        let past = read([("Retry-After", "Wed, 02 Dec 2026 09:59:00 GMT")])
        #expect(past.retryAfter?.seconds == 0)
        let ms = read([("retry-after-ms", "1500")])
        #expect(ms.retryAfter?.seconds == 1.5)
        let garbage = read([("Retry-After", "soon")])
        #expect(garbage.retryAfter == nil)
        #expect(garbage.notes.contains { $0.contains("soon") })
    }

    @Test func a429WithoutRetryAfter() {
        let reading = read([("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2")])
        #expect(reading.retryAfter == nil)
        #expect(reading.families == ["x-ratelimit"])
        #expect(reading.remaining == 0)
        #expect(reading.reset?.seconds == 2)
    }

    @Test func resetForms() {
        #expect(ResetReading.read("30", now: now)?.form == .deltaSeconds)
        #expect(ResetReading.read("1796205630", now: now) == ResetReading(seconds: 30, form: .epochSeconds, raw: "1796205630"))
        #expect(ResetReading.read("1796205630500", now: now) == ResetReading(seconds: 30.5, form: .epochMilliseconds, raw: "1796205630500"))
        #expect(ResetReading.read("Wed, 02 Dec 2026 10:00:30 GMT", now: now)?.seconds == 30)
        #expect(ResetReading.read("20ms", now: now)?.seconds == 0.02)
        #expect(ResetReading.read("-1", now: now) == nil)
        #expect(ResetReading.read("tomorrow", now: now) == nil)
    }

    @Test func theMocksOwnHeaders() {
        // What the embedded server sends with its default rejection style.
        let reading = read([
            ("Retry-After", "1"), ("RateLimit-Policy", #""apikey";q=20;w=2"#), ("RateLimit", #""apikey";r=0;t=2"#),
            ("X-RateLimit-Limit", "20"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2"),
        ])
        #expect(reading.families.sorted() == ["ietf", "retry-after", "x-ratelimit"])
        #expect(reading.limit == 20)
        #expect(reading.remaining == 0)
        #expect(reading.window == 2)
        #expect(reading.retryAfter?.seconds == 1)
    }
}
