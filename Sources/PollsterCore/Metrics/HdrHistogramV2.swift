import CZlib
import Foundation

/// HdrHistogram's V2 encoding, compressed and in base64: the form HdrHistogram's own
/// libraries (Java, C, Python, Go, JS) write with `encodeIntoCompressedByteBuffer` and read
/// with `decodeFromCompressedByteBuffer`, so a histogram in results.json is one short
/// string any of them can open.
///
/// Layout (big-endian): the compressed cookie `0x1c849314`, the length of what follows,
/// then that length of zlib-deflated V2 payload: cookie `0x1c849313`, payload length,
/// normalizing index offset (0), significant digits, lowest discernible value, highest
/// trackable value, integer-to-double ratio (1.0), then the counts array up to the max
/// value's index as ZigZag LEB128 numbers, a run of k > 1 zeros written as -k.
public enum HdrHistogramV2 {
    static let encodingCookie: UInt32 = 0x1c84_9303 | 0x10
    static let compressedCookie: UInt32 = 0x1c84_9304 | 0x10
    /// The cookies without their word-size nibble, as readers compare them.
    static func base(_ cookie: UInt32) -> UInt32 { cookie & ~0xf0 }

    /// What an encoded histogram holds: its configuration and its counts by index.
    public struct Layout: Equatable, Sendable {
        public var significantDigits: Int
        public var lowestDiscernibleValue: UInt64
        public var highestTrackableValue: UInt64
        public var counts: [(index: Int, count: UInt64)]

        public static func == (a: Layout, b: Layout) -> Bool {
            a.significantDigits == b.significantDigits && a.lowestDiscernibleValue == b.lowestDiscernibleValue
                && a.highestTrackableValue == b.highestTrackableValue && a.counts.elementsEqual(b.counts, by: { $0 == $1 })
        }
    }

    /// Why a string is not a V2 histogram; one line each.
    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case notBase64
        case badCookie(UInt32)
        case truncated
        case inflateFailed(Int32)
        case unsupported(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .notBase64: return "not base64"
            case .badCookie(let cookie): return "not an HdrHistogram V2 encoding (cookie 0x\(String(cookie, radix: 16)))"
            case .truncated: return "the encoding is cut short"
            case .inflateFailed(let code): return "its compressed payload does not inflate (zlib error \(code))"
            case .unsupported(let what): return "unsupported: \(what)"
            case .outOfRange(let what): return what
            }
        }
    }

    // MARK: Bucket arithmetic (HdrHistogram's, for a lowest discernible value of 1)

    /// The index-to-value mapping of a histogram with `digits` significant digits and a
    /// lowest discernible value of `lowest`.
    struct Buckets {
        let unitMagnitude: Int
        let subBucketHalfCountMagnitude: Int

        init(digits: Int, lowest: UInt64) {
            let largestSingleUnit = 2 * Int(pow(10.0, Double(digits)))
            let subBucketCountMagnitude = Int(log2(Double(largestSingleUnit)).rounded(.up))
            subBucketHalfCountMagnitude = Swift.max(subBucketCountMagnitude, 1) - 1
            unitMagnitude = Int(log2(Double(Swift.max(1, lowest))).rounded(.down))
        }

        var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }

        func index(of value: UInt64) -> Int {
            let subBucketMask = UInt64((1 << (subBucketHalfCountMagnitude + 1)) - 1) << unitMagnitude
            let base = 64 - unitMagnitude - (subBucketHalfCountMagnitude + 1)
            let bucket = base - (value | subBucketMask).leadingZeroBitCount
            let subBucket = Int(value >> UInt64(bucket + unitMagnitude))
            return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
        }

        /// The lowest value of index `index`; nil when it would not fit in 62 bits.
        func value(at index: Int) -> UInt64? {
            var bucket = (index >> subBucketHalfCountMagnitude) - 1
            var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
            if bucket < 0 {
                subBucket -= subBucketHalfCount
                bucket = 0
            }
            let shift = bucket + unitMagnitude
            guard shift < 62, UInt64(subBucket).leadingZeroBitCount > shift + 1 else { return nil }
            return UInt64(subBucket) << UInt64(shift)
        }
    }

    // MARK: Encoding

    /// The base64 text of `buckets` (values and counts, ascending) recorded with 3
    /// significant digits and a lowest discernible value of 1.
    public static func encode(buckets: [(value: UInt64, count: UInt64)], highestTrackableValue: UInt64) -> String {
        let layout = Buckets(digits: 3, lowest: 1)
        var payload: [UInt8] = []
        payload.reserveCapacity(64 + buckets.count * 3)
        var next = 0
        for bucket in buckets where bucket.count > 0 {
            let index = layout.index(of: bucket.value)
            let zeros = index - next
            if zeros == 1 {
                putZigZag(0, into: &payload)
            } else if zeros > 1 {
                putZigZag(-Int64(zeros), into: &payload)
            }
            putZigZag(Int64(clamping: bucket.count), into: &payload)
            next = index + 1
        }
        var plain: [UInt8] = []
        plain.reserveCapacity(40 + payload.count)
        put32(encodingCookie, into: &plain)
        put32(UInt32(payload.count), into: &plain)
        put32(0, into: &plain)
        put32(3, into: &plain)
        put64(1, into: &plain)
        put64(Swift.max(2, highestTrackableValue), into: &plain)
        put64(1.0.bitPattern, into: &plain)
        plain += payload

        var compressedLength = compressBound(uLong(plain.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = compressed.withUnsafeMutableBufferPointer { out in
            plain.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &compressedLength, input.baseAddress, uLong(input.count), Z_DEFAULT_COMPRESSION)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")
        var encoded: [UInt8] = []
        encoded.reserveCapacity(8 + Int(compressedLength))
        put32(compressedCookie, into: &encoded)
        put32(UInt32(compressedLength), into: &encoded)
        encoded += compressed[0..<Int(compressedLength)]
        return Data(encoded).base64EncodedString()
    }

    // MARK: Decoding

    /// The layout in a base64 V2 encoding (compressed or not), with every index checked to
    /// hold a value below 2^62 and at most `countLimit` counts in all.
    public static func decode(_ text: String, countLimit: Int) throws(DecodeError) -> Layout {
        guard let data = Data(base64Encoded: text) else { throw .notBase64 }
        var bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .truncated }
        var cookie = read32(bytes, 0)
        if base(cookie) == base(compressedCookie) {
            let length = Int(read32(bytes, 4))
            guard bytes.count >= 8 + length else { throw .truncated }
            bytes = try inflate(Array(bytes[8..<(8 + length)]))
            guard bytes.count >= 8 else { throw .truncated }
            cookie = read32(bytes, 0)
        }
        guard base(cookie) == base(encodingCookie) else { throw .badCookie(cookie) }
        guard bytes.count >= 40 else { throw .truncated }
        let payloadLength = Int(read32(bytes, 4))
        let offset = Int(Int32(bitPattern: read32(bytes, 8)))
        let digits = Int(read32(bytes, 12))
        let lowest = read64(bytes, 16)
        let highest = read64(bytes, 24)
        guard offset == 0 else { throw .unsupported("a normalizing index offset of \(offset)") }
        guard (0...5).contains(digits) else { throw .unsupported("\(digits) significant digits") }
        guard lowest >= 1, lowest < 1 << 40 else { throw .unsupported("a lowest discernible value of \(lowest)") }
        guard bytes.count >= 40 + payloadLength else { throw .truncated }
        let buckets = Buckets(digits: digits, lowest: lowest)
        var counts: [(index: Int, count: UInt64)] = []
        var position = 40
        let end = 40 + payloadLength
        var index = 0
        var total: UInt64 = 0
        while position < end {
            let number = try readZigZag(bytes, &position, end: end)
            if number < 0 {
                let (next, overflow) = index.addingReportingOverflow(Int(clamping: -number))
                guard !overflow, next < 1 << 40 else { throw .outOfRange("a run of zeros beyond any value") }
                index = next
                continue
            }
            if number > 0 {
                guard buckets.value(at: index) != nil else { throw .outOfRange("a count at index \(index), beyond any value") }
                total += UInt64(number)
                guard total <= UInt64(countLimit) else { throw .outOfRange("more than \(countLimit) counts in all") }
                counts.append((index, UInt64(number)))
            }
            index += 1
        }
        return Layout(significantDigits: digits, lowestDiscernibleValue: lowest, highestTrackableValue: highest, counts: counts)
    }

    /// The lowest value of each counted index of `layout`, with its count.
    public static func values(of layout: Layout) -> [(value: UInt64, count: UInt64)] {
        let buckets = Buckets(digits: layout.significantDigits, lowest: layout.lowestDiscernibleValue)
        return layout.counts.compactMap { entry in buckets.value(at: entry.index).map { ($0, entry.count) } }
    }

    static func inflate(_ input: [UInt8]) throws(DecodeError) -> [UInt8] {
        var capacity = Swift.max(1024, input.count * 8)
        while true {
            var length = uLongf(capacity)
            var output = [UInt8](repeating: 0, count: capacity)
            let status = output.withUnsafeMutableBufferPointer { out in
                input.withUnsafeBufferPointer { source in uncompress(out.baseAddress, &length, source.baseAddress, uLong(source.count)) }
            }
            if status == Z_OK { return Array(output[0..<Int(length)]) }
            guard status == Z_BUF_ERROR, capacity < 64 << 20 else { throw .inflateFailed(status) }
            capacity *= 4
        }
    }

    // MARK: Primitives

    static func put32(_ value: UInt32, into bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func put64(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[at + $1]) }
    }

    static func read64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) }
    }

    /// ZigZag LEB128 as HdrHistogram writes it: 7 bits a byte, low first; a ninth byte,
    /// when needed, carries the last 8 bits whole.
    static func putZigZag(_ value: Int64, into bytes: inout [UInt8]) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if v >> 7 == 0 {
                bytes.append(UInt8(v))
                return
            }
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    static func readZigZag(_ bytes: [UInt8], _ position: inout Int, end: Int) throws(DecodeError) -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byteIndex in 0..<9 {
            guard position < end else { throw .truncated }
            let byte = bytes[position]
            position += 1
            if byteIndex == 8 {
                value |= UInt64(byte) << 56
                break
            }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
