import Foundation
import PollsterCore
import Testing

@Suite struct FailureCountsTests {
    @Test func commonestFirstThenInKindOrder() {
        var counts = FailureCounts()
        counts.add(.timeout, count: 3)
        counts.add(.badBody, count: 5)
        counts.add(.connectionRefused, count: 3)
        counts.add(.http5xx, count: 0)
        #expect(counts.total == 11 && counts[.http5xx] == 0)
        #expect(counts.commonestFirst.map(\.kind) == [.badBody, .connectionRefused, .timeout])
    }

    @Test func encodesOnlyTheKindsThatOccurred() throws {
        var counts = FailureCounts()
        counts.add(.connectionReset, count: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(counts)
        #expect(String(decoding: data, as: UTF8.self) == #"{"connection_reset":2}"#)
        #expect(try JSONDecoder().decode(FailureCounts.self, from: data) == counts)
    }
}
