import Histogram

/// An HdrHistogram (3 significant digits, auto-resizing) that serialises sparsely, as
/// `[[value, count], ...]` pairs of its non-empty buckets, so results.json stays small and
/// histograms of several runs merge losslessly.
///
/// The form is canonical: a histogram decoded from JSON equals the one that was encoded,
/// so reports rendered from a saved results.json are byte-identical to the run's own.
public struct MetricHistogram: Sendable, Codable, Equatable {
    public internal(set) var histogram: Histogram<UInt64>

    public init() {
        histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    }

    /// An empty histogram whose counts already reach `highest`, allocated (and its memory
    /// touched) now: a live run makes these before it starts, so that recording never
    /// resizes (allocates and copies hundreds of kilobytes) on a loop thread mid-run.
    public static func presized(upTo highest: UInt64 = 1 << 32) -> MetricHistogram {
        var presized = MetricHistogram()
        presized.record(highest)
        presized.histogram.reset()
        return presized
    }

    /// Records one value.
    public mutating func record(_ value: UInt64) {
        _ = histogram.record(value)
    }

    /// Records one value `count` times.
    public mutating func record(_ value: UInt64, count: UInt64) {
        _ = histogram.record(value, count: count)
    }

    /// Adds every recorded value of `other`.
    public mutating func add(_ other: MetricHistogram) {
        guard other.histogram.totalCount > 0 else { return }
        if histogram.totalCount == 0 {
            histogram = other.histogram
        } else {
            histogram.add(other.histogram)
        }
    }

    public var count: UInt64 { histogram.totalCount }
    public var isEmpty: Bool { histogram.totalCount == 0 }

    /// The value at `percentile` (0-100), 0 when empty.
    public func value(atPercentile percentile: Double) -> UInt64 {
        isEmpty ? 0 : histogram.valueAtPercentile(percentile)
    }

    public var max: UInt64 { isEmpty ? 0 : histogram.max }
    public var min: UInt64 { isEmpty ? 0 : histogram.min }
    public var mean: Double { isEmpty ? 0 : histogram.mean }

    /// The non-empty buckets as (highest equivalent value, count), ascending.
    public var buckets: [(value: UInt64, count: UInt64)] {
        histogram.recordedValues().map { (histogram.highestEquivalentForValue($0.value), UInt64($0.count)) }
    }

    /// The canonical form of this histogram: what decoding its JSON gives.
    public var canonical: MetricHistogram {
        var copy = MetricHistogram()
        for bucket in buckets { copy.record(bucket.value, count: bucket.count) }
        return copy
    }

    public static func == (lhs: MetricHistogram, rhs: MetricHistogram) -> Bool {
        lhs.count == rhs.count && lhs.buckets.elementsEqual(rhs.buckets, by: { $0 == $1 })
    }

    /// Reads HdrHistogram's compressed V2 encoding in base64 (what ``encode(to:)`` writes),
    /// or the `[[value, count], ...]` pairs of results format 1.
    public init(from decoder: any Decoder) throws {
        self.init()
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            let layout: HdrHistogramV2.Layout
            do throws(HdrHistogramV2.DecodeError) {
                layout = try HdrHistogramV2.decode(text, countLimit: DecodedCount.limit)
            } catch {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "histogram: \(error)")
            }
            for (value, count) in HdrHistogramV2.values(of: layout) {
                guard value <= UInt64(Int64.max) / 2 else {
                    throw DecodingError.dataCorruptedError(in: single, debugDescription: "histogram: a value beyond \(UInt64(Int64.max) / 2)")
                }
                // As ``canonical`` records them: each bucket by its highest equivalent value.
                record(histogram.highestEquivalentForValue(value), count: count)
            }
            return
        }
        var container = try decoder.unkeyedContainer()
        var total = 0
        while !container.isAtEnd {
            var pair = try container.nestedUnkeyedContainer()
            let value = try pair.decode(UInt64.self)
            let count = try pair.decode(UInt64.self)
            // Values past Int64.max / 2 (microseconds: 146,000 years) and totals past the
            // count limit are damage, and would trap when recorded, summed or converted.
            guard value <= UInt64(Int64.max) / 2, count <= UInt64(DecodedCount.limit),
                total + Int(count) <= DecodedCount.limit
            else {
                throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath,
                    debugDescription: "bucket [\(value), \(count)] is out of range: values up to \(UInt64(Int64.max) / 2), counts in all up to \(DecodedCount.limit)"))
            }
            total += Int(count)
            record(value, count: count)
        }
    }

    /// HdrHistogram's compressed V2 encoding in base64: a few hundred bytes where the
    /// value/count pairs took tens of kilobytes, and readable by HdrHistogram's libraries.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        // The highest trackable value written is the largest value's bucket top, not the
        // histogram's current range (which depends on its history), so that equal
        // histograms encode to equal bytes.
        try container.encode(HdrHistogramV2.encode(buckets: buckets, highestTrackableValue: Swift.max(2, buckets.last?.value ?? 2)))
    }
}
