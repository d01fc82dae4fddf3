import Foundation
import Testing
@testable import PollsterCore

/// HdrHistogram's compressed V2 encoding: byte-identical to what HdrHistogram's Python
/// package writes for the same histogram, read back exactly, and refused in one line when
/// damaged.
@Suite struct HdrHistogramV2Tests {
    /// Written by `hdrh` 0.10 (PyPI): HdrHistogram(1, 3_600_000_000, 3) holding 1×1, 3×2,
    /// 2×1000, 1×2047, 7×5000, 1×123456 and 2×60000000, then `encode()`.
    static let python = "HISTFAAAADJ4nJNpmSzMwMAAwiDADKUZQcS1yUsY7D9ABZjYTvKzrBZgOizMd9qLaWcfIwsA1yYJgw=="
    static let recorded: [(UInt64, UInt64)] = [(1, 1), (2, 3), (1000, 2), (2047, 1), (5000, 7), (123_456, 1), (60_000_000, 2)]

    @Test func theEncodingIsHdrHistogramsOwn() throws {
        var histogram = MetricHistogram()
        for (value, count) in Self.recorded { histogram.record(value, count: count) }
        let ours = HdrHistogramV2.encode(buckets: histogram.buckets, highestTrackableValue: 3_600_000_000)
        // The same header and counts as Python's; the bytes differ in one place only: a
        // lone empty index is written 0 (as HdrHistogram's Java reference does), where the
        // Python package writes it as a run of one zero (-1). Every reader takes both.
        #expect(try HdrHistogramV2.decode(ours, countLimit: 1000) == HdrHistogramV2.decode(Self.python, countLimit: 1000))
        #expect(ours.hasPrefix("HISTFAAAADJ4nJNpmSzMwMAAwiDADKUZQcS1yUsY7D9A") && ours.count == Self.python.count)
    }

    @Test func pythonsEncodingDecodesToTheSameCounts() throws {
        let layout = try HdrHistogramV2.decode(Self.python, countLimit: 1000)
        #expect(layout.significantDigits == 3 && layout.lowestDiscernibleValue == 1 && layout.highestTrackableValue == 3_600_000_000)
        let values = HdrHistogramV2.values(of: layout).map { [$0.value, $0.count] }
        // 60,000,000 is counted in the bucket starting at 59,998,208 (32,768 wide there).
        #expect(values == [[1, 1], [2, 3], [1000, 2], [2047, 1], [5000, 7], [123_456, 1], [59_998_208, 2]])
    }

    @Test func histogramsRoundTripThroughJSON() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        var histogram = MetricHistogram()
        for _ in 0..<50_000 { histogram.record(UInt64(exp(rng.uniform(0, 20)))) }
        histogram.record(0, count: 3)
        let data = try JSONEncoder().encode([histogram, MetricHistogram()])
        let decoded = try JSONDecoder().decode([MetricHistogram].self, from: data)
        #expect(decoded[0] == histogram && decoded[1].isEmpty)
        #expect(decoded[0].value(atPercentile: 99.9) == histogram.value(atPercentile: 99.9))
        // Under a fifth of the value/count pairs of format 1.
        let pairs = histogram.buckets.map { "[\($0.value),\($0.count)]" }.joined(separator: ",").utf8.count
        #expect(data.count * 5 < pairs, "\(data.count) bytes, pairs \(pairs)")
    }

    @Test func formatOnePairsStillDecode() throws {
        let decoded = try JSONDecoder().decode(MetricHistogram.self, from: Data("[[5,2],[1000,1]]".utf8))
        #expect(decoded.count == 3 && decoded.max == 1000)
    }

    @Test func damageIsRefusedInOneLine() {
        func problem(_ text: String) -> String {
            do {
                _ = try HdrHistogramV2.decode(text, countLimit: 100)
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(problem("not base64!") == "not base64")
        #expect(problem(Data([0, 1, 2, 3, 0, 0, 0, 0]).base64EncodedString()) == "not an HdrHistogram V2 encoding (cookie 0x10203)")
        #expect(problem(String(Self.python.prefix(20))) == "not base64" || problem(String(Self.python.prefix(20))) == "the encoding is cut short")
        #expect(problem(Self.python) == "decoded")
        var bytes = [UInt8](Data(base64Encoded: Self.python)!)
        bytes[12] ^= 0xff
        #expect(problem(Data(bytes).base64EncodedString()).hasPrefix("its compressed payload does not inflate"))
        #expect(problem(HdrHistogramV2.encode(buckets: [(7, 101)], highestTrackableValue: 10)) == "more than 100 counts in all")
    }

    @Test func zigZagNumbersAreHdrHistogramsLEB128() {
        for (value, bytes) in [(Int64(0), [UInt8(0)]), (1, [2]), (-1, [1]), (63, [126]), (64, [128, 1]), (-65, [129, 1]),
                               (Int64.max, [254, 255, 255, 255, 255, 255, 255, 255, 255]), (Int64.min, [255, 255, 255, 255, 255, 255, 255, 255, 255])] {
            var encoded: [UInt8] = []
            HdrHistogramV2.putZigZag(value, into: &encoded)
            #expect(encoded == bytes, "\(value)")
            var position = 0
            #expect((try? HdrHistogramV2.readZigZag(encoded, &position, end: encoded.count)) == value && position == encoded.count)
        }
    }
}
