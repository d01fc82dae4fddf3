/// Per-bucket counters over scenario time (bucket width from the report options).
public struct TimeSeries: Sendable, Codable, Equatable {
    /// Bucket width in nanoseconds of scenario time.
    public var bucket: Nanoseconds
    /// Requests sent in each bucket (by send time).
    public var requests: [Int]
    /// 429 responses, by send time.
    public var rateLimited: [Int]
    /// Terminal statuses noticed by clients, by the time the response arrived.
    public var detections: [Int]
    /// Executions in their polling loop at the end of each bucket.
    public var active: [Int]
    /// Failed requests by kind, by send time; only the kinds that occurred.
    public var failures: [FailureKind: [Int]]

    public init(bucket: Nanoseconds) {
        self.bucket = bucket
        requests = []
        rateLimited = []
        detections = []
        active = []
        failures = [:]
    }

    public var count: Int {
        failures.values.reduce(Swift.max(requests.count, rateLimited.count, detections.count, active.count)) { Swift.max($0, $1.count) }
    }

    @inlinable func index(_ time: Nanoseconds) -> Int { Int(Swift.max(0, time) / bucket) }

    @inlinable static func grow(_ array: inout [Int], to index: Int) {
        if index >= array.count { array.append(contentsOf: repeatElement(0, count: index - array.count + 1)) }
    }

    @inlinable public mutating func addRequest(at time: Nanoseconds, rateLimited limited: Bool) {
        let i = index(time)
        Self.grow(&requests, to: i)
        requests[i] += 1
        if limited {
            Self.grow(&rateLimited, to: i)
            rateLimited[i] += 1
        }
    }

    /// A failed request of `kind` sent at `time`.
    public mutating func addFailure(_ kind: FailureKind, at time: Nanoseconds) {
        let i = index(time)
        Self.grow(&failures[kind, default: []], to: i)
        failures[kind]![i] += 1
    }

    @inlinable public mutating func addDetection(at time: Nanoseconds) {
        let i = index(time)
        Self.grow(&detections, to: i)
        detections[i] += 1
    }

    /// Records that `value` executions were active at the end of every bucket that ended
    /// at or before `time` and has no value yet.
    @inlinable public mutating func noteActive(_ value: Int, until time: Nanoseconds) {
        let through = index(time) - 1
        if through >= active.count {
            active.append(contentsOf: repeatElement(value, count: through - active.count + 1))
        }
    }

    /// Pads every series to the same length (at the end of a run).
    public mutating func finish(activeAtEnd: Int) {
        let n = count
        Self.grow(&requests, to: n - 1)
        Self.grow(&rateLimited, to: n - 1)
        Self.grow(&detections, to: n - 1)
        for kind in failures.keys { Self.grow(&failures[kind]!, to: n - 1) }
        if active.count < n { active.append(contentsOf: repeatElement(activeAtEnd, count: n - active.count)) }
    }

    /// Element-wise sum (for replications and merged runs of the same strategy).
    public mutating func add(_ other: TimeSeries) {
        func sum(_ a: inout [Int], _ b: [Int]) {
            if b.count > a.count { a.append(contentsOf: repeatElement(0, count: b.count - a.count)) }
            for (i, v) in b.enumerated() { a[i] += v }
        }
        sum(&requests, other.requests)
        sum(&rateLimited, other.rateLimited)
        sum(&detections, other.detections)
        sum(&active, other.active)
        for (kind, counts) in other.failures { sum(&failures[kind, default: []], counts) }
    }

    /// The longest span of time a decoded series may cover, in nanoseconds (73 years).
    static let longestSpan: Nanoseconds = 1 << 61

    /// Whether `buckets` buckets of width `bucket` (positive) span at most ``longestSpan``.
    static func spanFits(bucket: Nanoseconds, buckets: Int) -> Bool {
        let (span, overflow) = bucket.multipliedReportingOverflow(by: Nanoseconds(Swift.max(buckets, 1)))
        return !overflow && span <= longestSpan
    }

    private enum CodingKeys: String, CodingKey {
        case bucket, requests, rateLimited, detections, active, failures
    }

    /// Decodes results.json; `failures` is absent from files of format version 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bucket = try c.decode(Nanoseconds.self, forKey: .bucket)
        guard bucket > 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.bucket],
                debugDescription: "the bucket width must be positive, got \(bucket)"))
        }
        requests = try c.decodeCounts(forKey: .requests)
        rateLimited = try c.decodeCounts(forKey: .rateLimited)
        detections = try c.decodeCounts(forKey: .detections)
        active = try c.decodeCounts(forKey: .active)
        failures = try c.decodeIfPresent([FailureKind: [Int]].self, forKey: .failures) ?? [:]
        for counts in failures.values {
            for count in counts { _ = try DecodedCount.checked(count, codingPath: c.codingPath + [CodingKeys.failures]) }
        }
        // Reports multiply the bucket width by bucket numbers: the series' whole span must fit.
        guard TimeSeries.spanFits(bucket: bucket, buckets: count) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.bucket],
                debugDescription: "\(count) buckets of \(bucket) ns span more than \(TimeSeries.longestSpan) ns"))
        }
    }
}
