/// Every request of a probe in the order sent, with what the inference needs from them.
/// Pure data: the inference reads only this, so it runs on recorded or synthetic
/// timelines without a clock.
public struct ProbeTimeline: Sendable, Hashable, Codable {
    public var requests: [ProbeRequest]

    public init(requests: [ProbeRequest] = []) {
        self.requests = requests
    }

    /// The requests the rate limits decided (accepted or rejected).
    public var decided: [ProbeRequest] { requests.filter(\.isDecided) }

    /// The status rejections used (429 or 503); nil when nothing was rejected.
    public var rejectionStatus: Int? {
        let statuses = requests.filter(\.isRejected).map(\.status)
        guard !statuses.isEmpty else { return nil }
        return statuses.filter { $0 == 429 }.count * 2 >= statuses.count ? 429 : 503
    }

    /// Half the shortest round trip: how long after sending a request the server decided it,
    /// roughly (the rest of the time is the answer's way back and the server's work).
    public var oneWay: Double {
        let trips = requests.filter(\.isDecided).map { $0.receivedAt - $0.sentAt }.filter { $0 >= 0 }
        return (trips.min() ?? 0) / 2
    }

    /// Seconds from the first request sent to the last answer.
    public var duration: Double {
        guard let first = requests.first, let last = requests.map(\.receivedAt).max() else { return 0 }
        return last - first.sentAt
    }

    /// The most requests accepted in one run of consecutive accepted requests within a
    /// step, over the steps whose name starts with `prefix`.
    public func longestAcceptedRun(phasePrefix prefix: String) -> Int {
        var best = 0
        var run = 0
        var phase = ""
        for request in requests where request.isDecided {
            if request.phase != phase { run = 0; phase = request.phase }
            guard request.phase.hasPrefix(prefix) else { continue }
            if request.isAccepted { run += 1; best = max(best, run) } else { run = 0 }
        }
        return best
    }

    /// The most requests that were in flight at once and all accepted, over parallel steps.
    public var mostAcceptedInParallel: Int {
        var best = 0
        let phases = Set(requests.filter { $0.phase.hasPrefix("parallel") }.map(\.phase))
        for phase in phases {
            best = max(best, requests.filter { $0.phase == phase && $0.isAccepted }.count)
        }
        return best
    }
}
