import Foundation
import HTTPTypes
@testable import MockServer
import PollsterCore
import Testing

/// The mock answers rejections and faults as `server.rejection` and `server.faults` say,
/// at the HTTP level (status, fields, body), decided at explicit scenario times.
struct RejectionStyleTests {
    let s = Time.seconds
    static let epoch: Int64 = 1_790_000_000_000_000_000

    func api(_ configure: (inout ServerModel) -> Void) -> ExecutionAPI {
        var configuration = MockFixtures.configuration(
            rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 1, window: Time.seconds(10)))])
        configure(&configuration.server)
        return ExecutionAPI(configuration: configuration, epoch: Self.epoch)
    }

    func get(_ api: ExecutionAPI, _ id: String, at time: Nanoseconds) -> APIResult {
        api.respond(to: APIRequest(.getExecution(id: id, include: []), apiKey: MockFixtures.readWrite[...]), at: time)
    }

    func fields(_ result: APIResult) -> [String] {
        result.headers.filter { $0.name.canonicalName != "content-type" }.map { "\($0.name.canonicalName): \($0.value)" }
    }

    @Test func aThrottlingServerAnswers503WithADateAndGitHubsFields() throws {
        let api = api { $0.rejection = RejectionStyle(status: 503, retryAfter: .date, headers: [.github]) }
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: s(100)), flowId: "f")
        #expect(get(api, id, at: s(100)).status == .ok)
        let denied = get(api, id, at: s(102.5))
        #expect(denied.status.code == 503)
        // 102.5 s + 8 s, rounded up to a whole second: 111 s after the epoch.
        #expect(fields(denied) == ["retry-after: \(RetryAfterValue.imfFixdate(unixSeconds: 1_790_000_111))",
                                   "x-ratelimit-limit: 1", "x-ratelimit-remaining: 0", "x-ratelimit-used: 1",
                                   "x-ratelimit-reset: 1790000110", "x-ratelimit-resource: apikey"])
        #expect(String(decoding: denied.body, as: UTF8.self).contains("RATE_LIMITED"))
    }

    @Test func noRetryAfterAndNoFieldsWhenTheServerSendsNone() {
        let api = api { $0.rejection = RejectionStyle(retryAfter: .none, headers: []) }
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: s(100)), flowId: "f")
        #expect(get(api, id, at: s(1)).status == .ok && fields(get(api, id, at: s(1))).isEmpty)
        let denied = get(api, id, at: s(2))
        #expect(denied.status == .tooManyRequests && fields(denied).isEmpty)
    }

    @Test func faultsBecomeStatusesAndTransportFaults() {
        let api = api {
            $0.rateLimits = []
            $0.faults = [ServerFault(.error(status: 502), window: FaultWindow(start: s(10), length: s(1))),
                         ServerFault(.reset, window: FaultWindow(start: s(20), length: s(1))),
                         ServerFault(.truncated, window: FaultWindow(start: s(30), length: s(1))),
                         ServerFault(.slowBody(extra: s(2)), window: FaultWindow(start: s(40), length: s(1))),
                         ServerFault(.outage, window: FaultWindow(start: s(50), length: s(1)))]
        }
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: s(100)), flowId: "f")
        #expect(get(api, id, at: s(5)).status == .ok && get(api, id, at: s(5)).transportFault == nil)
        #expect(get(api, id, at: s(10)).status.code == 502)
        #expect(get(api, id, at: s(20)).transportFault == .reset)
        let cut = get(api, id, at: s(30))
        #expect(cut.status == .ok && cut.transportFault == .truncated && !cut.body.isEmpty)
        let slow = get(api, id, at: s(40))
        #expect(slow.status == .ok && slow.transportFault == .slowBody(s(2)) && slow.latency == s(2))
        // In an outage even a request without a key gets a reset: nothing answers.
        let down = api.respond(to: APIRequest(.getExecution(id: id, include: []), apiKey: nil), at: s(50))
        #expect(down.transportFault == .reset && down.latency == 0)
    }

    @Test func unknownExecutionsAre404sThatUseQuota() {
        let api = api {
            $0.rateLimits = [RateLimitRule(scope: .apiKey, algorithm: .fixedWindow(limit: 2, window: Time.seconds(10)))]
            $0.faults = [ServerFault(.notFound(share: 1))]
        }
        let id = api.store.register(ExecutionPlan(index: 0, createdAt: 0, runTime: s(100)), flowId: "f")
        #expect(get(api, id, at: s(1)).status == .notFound)
        #expect(get(api, id, at: s(2)).status == .notFound)
        #expect(get(api, id, at: s(3)).status == .tooManyRequests, "the two 404s took the window's quota")
    }
}
