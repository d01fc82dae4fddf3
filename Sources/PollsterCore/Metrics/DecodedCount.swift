/// Bounds on the counts a results.json may hold. pollster never writes a negative count
/// nor one near `Int.max`; a file that has one was edited or damaged, and summing or
/// charting it would trap, so decoding rejects it with the value's place in the document.
enum DecodedCount {
    /// The largest count accepted: exact as a `Double`, and far enough from `Int.max` that
    /// sums over buckets, strategies and replications cannot overflow.
    static let limit = 1 << 53

    /// `value` when it is a count pollster could have written; a decoding error otherwise.
    static func checked(_ value: Int, codingPath: [any CodingKey]) throws -> Int {
        guard (0...limit).contains(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                debugDescription: "\(value) is not a count; counts are 0 to \(limit)"))
        }
        return value
    }
}

extension KeyedDecodingContainer {
    /// A count (see ``DecodedCount``).
    func decodeCount(forKey key: Key) throws -> Int {
        try DecodedCount.checked(decode(Int.self, forKey: key), codingPath: codingPath + [key])
    }

    /// A series of counts (see ``DecodedCount``).
    func decodeCounts(forKey key: Key) throws -> [Int] {
        try decode([Int].self, forKey: key).map { try DecodedCount.checked($0, codingPath: codingPath + [key]) }
    }
}
