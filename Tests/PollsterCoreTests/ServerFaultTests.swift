import Testing
@testable import PollsterCore

/// `server.rejection` and `server.faults`: how they are read, and the shared rules both
/// engines apply (fault draws, lockouts, rejected requests that count, header families).
@Suite struct ServerFaultTests {
    let s = Time.seconds
    let base = "name: f\nworkload: {executions: 1, arrival: {kind: burst}, duration: 1s}\nstrategies: [{name: f, kind: fixed, interval: 1s}]\n"

    func load(_ server: String) throws -> ServerModel {
        try ScenarioLoader.load(yaml: base + "server: " + server + "\n", file: "t.yaml", baseDirectory: ".").server
    }

    @Test func theRejectionStyleIsReadWithItsDefaults() throws {
        #expect(try load("{latency: 10ms}").rejection == .standard)
        let style = try load("{rejection: {status: 503, retryAfter: date, countRejected: true, headers: github}}").rejection
        #expect(style == RejectionStyle(status: 503, retryAfter: .date, countsRejected: true, headers: [.github]))
        #expect(try load("{rejection: {headers: none, retryAfter: none}}").rejection == RejectionStyle(retryAfter: .none, headers: []))
        #expect(try load("{rejection: {headers: [ietf, github]}}").rejection.headers == [.ietf, .github])
    }

    @Test func badRejectionsGetOneLineEach() {
        #expect(ScenarioFixtures.problems(base + "server: {rejection: {status: 500}}\n")
            == ["t.yaml:4: server.rejection.status: must be 429 or 503, got 500"])
        #expect(ScenarioFixtures.problems(base + "server: {rejection: {retryAfter: second}}\n")
            == [#"t.yaml:4: server.rejection.retryAfter: unknown value "second" (did you mean "seconds"?); allowed: seconds, date, none"#])
        #expect(ScenarioFixtures.problems(base + "server: {rejection: {headers: [xRateLimit, github]}}\n")
            == ["t.yaml:4: server.rejection.headers: xRateLimit and github both use the X-RateLimit-* fields; choose one"])
        #expect(ScenarioFixtures.problems(base + "server: {rejection: {headers: ietf2}}\n")
            == [#"t.yaml:4: server.rejection.headers: unknown header family "ietf2" (did you mean "ietf"?); allowed: ietf, xRateLimit, github, none"#])
        #expect(ScenarioFixtures.problems(base + "server: {rejection: {status: 503}, faults: [{kind: error, status: 503}]}\n")
            == ["t.yaml:4: server.faults[0].status: 503 is this server's rejection status (rejection.status), so clients would count these errors as rejections; use another 5xx"])
    }

    @Test func everyFaultKindIsRead() throws {
        let faults = try load("""
            {faults: [{kind: error, status: 502, rate: 0.25}, {kind: error, from: 1m, for: 10s}, {kind: outage, from: 2m, for: 15s, every: 10m},
                      {kind: latencySpike, extra: 2s, rate: 0.5}, {kind: reset, rate: 0.01}, {kind: truncated, rate: 0.02},
                      {kind: slowBody, extra: 500ms, rate: 0.1}, {kind: lockout, after: 5, within: 10s, for: 1m}, {kind: notFound, share: 0.03}]}
            """).faults
        #expect(faults == [
            ServerFault(.error(status: 502), rate: 0.25),
            ServerFault(.error(status: 500), window: FaultWindow(start: s(60), length: s(10))),
            ServerFault(.outage, window: FaultWindow(start: s(120), length: s(15), period: s(600))),
            ServerFault(.latencySpike(extra: s(2)), rate: 0.5),
            ServerFault(.reset, rate: 0.01),
            ServerFault(.truncated, rate: 0.02),
            ServerFault(.slowBody(extra: Time.milliseconds(500)), rate: 0.1),
            ServerFault(.lockout(LockoutRule(after: 5, within: s(10), duration: s(60)))),
            ServerFault(.notFound(share: 0.03)),
        ])
    }

    @Test func badFaultsGetOneLineEach() {
        func problems(_ fault: String) -> [String] { ScenarioFixtures.problems(base + "server: {faults: [\(fault)]}\n") }
        #expect(problems("{kind: eror}") == [#"t.yaml:4: server.faults[0].kind: unknown fault kind "eror" (did you mean "error"?); allowed: error, outage, latencySpike, reset, truncated, slowBody, lockout, notFound"#])
        #expect(problems("{kind: error, status: 404}") == ["t.yaml:4: server.faults[0].status: must be at least 500, got 404"])
        #expect(problems("{kind: error, status: 600}") == ["t.yaml:4: server.faults[0].status: must be a 5xx status (500-599), got 600"])
        #expect(problems("{kind: reset, rate: 1.5}") == ["t.yaml:4: server.faults[0].rate: must be more than 0 and at most 1, got 1.5"])
        #expect(problems("{kind: outage, from: 1m}") == ["t.yaml:4: server.faults[0].for: an outage needs its length, e.g. {kind: outage, from: 2m, for: 15s}"])
        #expect(problems("{kind: outage, for: 1m, every: 30s}") == ["t.yaml:4: server.faults[0].every: must be at least the window's length (for), got a shorter one"])
        #expect(problems("{kind: notFound, share: 2}") == ["t.yaml:4: server.faults[0].share: must be between 0 and 1, got 2.0"])
        #expect(problems("{kind: lockout, after: 3, within: 1s, for: 1s}, {kind: lockout, after: 3, within: 1s, for: 1s}")
            == ["t.yaml:4: server.faults[1]: only one fault of kind lockout is allowed"])
        #expect(problems("{kind: reset, extra: 1s}").contains { $0.contains("server.faults[0].extra") })
    }

    @Test func windowsOpenAtTheirStartAndCloseAtTheirEnd() {
        let once = FaultWindow(start: s(10), length: s(5))
        #expect(!once.contains(s(10) - 1) && once.contains(s(10)) && once.contains(s(15) - 1) && !once.contains(s(15)))
        let repeating = FaultWindow(start: s(10), length: s(5), period: s(60))
        #expect(repeating.contains(s(70)) && repeating.contains(s(74)) && !repeating.contains(s(75)) && !repeating.contains(s(9)))
    }

    @Test func faultDrawsAreTheExecutionsOwnAndTheFirstFailureWins() {
        let model = FaultModel([ServerFault(.error(status: 500), rate: 0.5), ServerFault(.reset, rate: 0.5),
                                ServerFault(.latencySpike(extra: s(1)), window: FaultWindow(start: s(10), length: s(10)))])
        var a = RandomStream.faults.generator(seed: 7, index: 3)
        var b = RandomStream.faults.generator(seed: 7, index: 3)
        let first = (0..<200).map { model.effect(at: Nanoseconds($0) * Time.milliseconds(100), rng: &a) }
        let second = (0..<200).map { model.effect(at: Nanoseconds($0) * Time.milliseconds(100), rng: &b) }
        #expect(first == second)
        let errors = first.filter { $0.failure == .status(500) }.count
        let resets = first.filter { $0.failure == .reset }.count
        // Half the requests fail with 500; of the rest, half are reset.
        #expect((80...120).contains(errors) && (30...70).contains(resets), "errors \(errors), resets \(resets)")
        // The spike is on from 10 s to 20 s: requests 100..<200, each 1 s later.
        #expect(first.enumerated().allSatisfy { $0.element.extraLatency == ($0.offset >= 100 ? s(1) : 0) })
    }

    @Test func unknownExecutionsAreAFixedShare() {
        let model = FaultModel([ServerFault(.notFound(share: 0.1))])
        let unknown = (0..<10_000).filter { model.isUnknown(seed: 1, index: $0) }.count
        #expect((900...1100).contains(unknown), "\(unknown)")
        #expect(!FaultModel([]).isUnknown(seed: 1, index: 0))
    }

    @Test func aLockoutRejectsEveryRequestOfTheKeyForItsLength() {
        // 1 token per 10 s, burst 1; locked out for 30 s after 3 rejections within 5 s.
        var set = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 0.1), burst: 1))],
                               apiKeys: 2, lockout: LockoutRule(after: 3, within: s(5), duration: s(30)))
        let at = { (t: Double) in set.admit(apiKey: 0, at: Time.seconds(t)) }
        #expect(at(0) == RateLimitAdmission(allowed: true, retryAfter: 0))
        #expect(at(1) == RateLimitAdmission(allowed: false, retryAfter: 9))
        #expect(at(2) == RateLimitAdmission(allowed: false, retryAfter: 8))
        // The third rejection within 5 s locks the key out until 33 s.
        #expect(at(3) == RateLimitAdmission(allowed: false, retryAfter: 30))
        #expect(at(12) == RateLimitAdmission(allowed: false, retryAfter: 21), "a token is back, but the key is locked out")
        #expect(set.admit(apiKey: 1, at: s(12)) == RateLimitAdmission(allowed: true, retryAfter: 0), "other keys are not")
        #expect(at(33) == RateLimitAdmission(allowed: true, retryAfter: 0))
        // Rejections spread wider than 5 s never lock out.
        #expect(at(34) == RateLimitAdmission(allowed: false, retryAfter: 9))
        #expect(at(40) == RateLimitAdmission(allowed: false, retryAfter: 3))
        #expect(at(43) == RateLimitAdmission(allowed: true, retryAfter: 0))
        // decide() agrees, with the lockout's time left as Retry-After and reset.
        var twin = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 0.1), burst: 1))],
                                apiKeys: 1, lockout: LockoutRule(after: 3, within: s(5), duration: s(30)))
        let decisions = [0.0, 1, 2, 3, 12].map { twin.decide(apiKey: 0, at: Time.seconds($0)) }
        #expect(decisions.map(\.allowed) == [true, false, false, false, false])
        #expect(decisions.map(\.retryAfter) == [0, 9, 8, 30, 21])
    }

    @Test func rejectedRequestsThatCountPushTheNextAllowedOneBack() {
        let bucket = RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 2))
        var free = RateLimitSet(rules: [bucket], apiKeys: 1)
        var counted = RateLimitSet(rules: [bucket], apiKeys: 1, countsRejected: true)
        // Two allowed, then a rejected request every 100 ms for a second.
        let times = [0.0, 0.0] + (1...10).map { Double($0) / 10 }
        let a = times.map { free.admit(apiKey: 0, at: Time.seconds($0)).allowed }
        let b = times.map { counted.admit(apiKey: 0, at: Time.seconds($0)).allowed }
        #expect(a == [true, true] + Array(repeating: false, count: 9) + [true])
        #expect(b == [true, true] + Array(repeating: false, count: 10))
        // The counted bucket is 2 tokens in debt (its floor: one burst), so the next token
        // comes 3 s after its last rejection at 1 s.
        #expect(counted.admit(apiKey: 0, at: Time.seconds(3.9)).retryAfter == 1)
        #expect(counted.admit(apiKey: 0, at: Time.seconds(4)).allowed == false, "the 3.9 s rejection counted too")
    }

    @Test func gcraAndTheTokenBucketAgreeWhenRejectedRequestsCount() {
        var rng = Xoshiro256StarStar(seed: 11)
        for (rate, burst) in [(3.0, 4), (0.5, 1), (10, 20)] {
            var bucket = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: rate), burst: burst))],
                                      apiKeys: 1, countsRejected: true)
            var gcra = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: .gcra(rate: Rate(perSecond: rate), burst: burst))],
                                    apiKeys: 1, countsRejected: true)
            var t: Nanoseconds = 0
            for _ in 0..<5000 {
                t += Nanoseconds(rng.nextUnit() * Double(Time.seconds(2) / Nanoseconds(rate * 4)))
                #expect(bucket.decide(apiKey: 0, at: t) == gcra.decide(apiKey: 0, at: t), "rate \(rate) burst \(burst) at \(t)")
            }
        }
    }

    @Test func eachHeaderFamilyHasItsFields() {
        var set = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 1, window: s(10)))], apiKeys: 1)
        _ = set.decide(apiKey: 0, at: s(100))
        let denied = set.decide(apiKey: 0, at: s(102) + Time.milliseconds(500))
        let epoch: Int64 = 1_796_000_000 * 1_000_000_000
        func fields(_ style: RejectionStyle) -> [String] {
            RateLimitHeaders.fields(for: denied, style: style, at: s(102) + Time.milliseconds(500), epoch: epoch).map { "\($0.name): \($0.value)" }
        }
        #expect(fields(.standard) == ["Retry-After: 8", #"RateLimit-Policy: "apikey";q=1;w=10"#, #"RateLimit: "apikey";r=0;t=8"#,
                                      "X-RateLimit-Limit: 1", "X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 8"])
        // The date: 102.5 s + 8 s rounded up to 111 s after the epoch.
        #expect(fields(RejectionStyle(retryAfter: .date, headers: [.github])) == [
            "Retry-After: \(RetryAfterValue.imfFixdate(unixSeconds: 1_796_000_111))", "X-RateLimit-Limit: 1", "X-RateLimit-Remaining: 0",
            "X-RateLimit-Used: 1", "X-RateLimit-Reset: 1796000110", "X-RateLimit-Resource: apikey"])
        #expect(fields(RejectionStyle(retryAfter: .none, headers: [])).isEmpty)
    }

    @Test func httpDatesRoundTrip() {
        #expect(RetryAfterValue.imfFixdate(unixSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(RetryAfterValue.imfFixdate(unixSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        for seconds: Int64 in [0, 951_782_400, 1_796_000_111, 4_102_444_800] {
            #expect(RetryAfterValue.imfFixdate(RetryAfterValue.imfFixdate(unixSeconds: seconds)[...]) == seconds)
        }
        #expect(RetryAfterValue.dateInstant(rejectedAt: s(102) + 1, seconds: 8) == s(111))
        #expect(RetryAfterValue.dateInstant(rejectedAt: s(102), seconds: 8) == s(110))
        #expect(RejectionStyle(retryAfter: .date).wait(seconds: 8, rejectedAt: s(102) + 1, receivedAt: s(103)) == s(8))
        #expect(RejectionStyle(retryAfter: .date).wait(seconds: 1, rejectedAt: s(102) + 1, receivedAt: s(104)) == 0)
        #expect(RejectionStyle(retryAfter: .none).wait(seconds: 8, rejectedAt: 0, receivedAt: 0) == nil)
    }

    @Test func statusesAreClassedAlikeInBothEngines() {
        let table: [(Int, Int, ResponseClass)] = [
            (200, 429, .success), (204, 429, .success), (429, 429, .rejected), (429, 503, .rejected), (503, 503, .rejected),
            (503, 429, .serverError), (500, 503, .serverError), (401, 429, .refused), (403, 429, .refused), (404, 429, .refused),
            (400, 429, .otherStatus), (409, 429, .otherStatus), (302, 429, .otherStatus), (101, 429, .otherStatus),
        ]
        for (status, rejection, expected) in table {
            #expect(ResponseClass(status: status, rejectionStatus: rejection) == expected, "\(status) with rejections as \(rejection)")
        }
    }
}
