/// Failed requests by ``FailureKind``; encoded as an object of the kinds that occurred.
public struct FailureCounts: Sendable, Equatable, Codable {
    public private(set) var counts: [FailureKind: Int] = [:]

    public init() {}

    /// One more failure of `kind`.
    public mutating func add(_ kind: FailureKind, count: Int = 1) {
        guard count != 0 else { return }
        counts[kind, default: 0] += count
    }

    /// Adds every count of `other`.
    public mutating func add(_ other: FailureCounts) {
        for (kind, count) in other.counts { add(kind, count: count) }
    }

    public subscript(kind: FailureKind) -> Int { counts[kind] ?? 0 }

    /// Failed requests of every kind.
    public var total: Int { counts.values.reduce(0, +) }

    /// The kinds that occurred, most frequent first (ties in ``FailureKind`` order).
    public var commonestFirst: [(kind: FailureKind, count: Int)] {
        counts.filter { $0.value > 0 }.map { (kind: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind < $1.kind }
    }

    public init(from decoder: any Decoder) throws {
        counts = try decoder.singleValueContainer().decode([FailureKind: Int].self).filter { $0.value != 0 }
        for count in counts.values { _ = try DecodedCount.checked(count, codingPath: decoder.codingPath) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(counts)
    }
}
