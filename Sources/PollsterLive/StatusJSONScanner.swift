/// A single-pass scanner for the top-level `status` string and `progress.percentage` number
/// of a JSON object, skipping everything else.
///
/// It checks the structure it walks (brackets, strings, literals, number characters) but
/// not every detail of what it skips; anything it is not sure of yields `.unsure`.
struct StatusJSONScanner {
    enum Result: Equatable {
        /// The object was scanned; either field may be absent.
        case scanned(status: String?, percentage: Double?)
        /// The scanner cannot tell; use a full JSON parser.
        case unsure
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans one JSON document.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var scanner = StatusJSONScanner(bytes)
        return scanner.scanDocument() ?? .unsure
    }

    private mutating func scanDocument() -> Result? {
        var status: String?
        var percentage: Double?
        // A key that repeats counts with its last value, as in Foundation: each occurrence
        // first clears what an earlier one set.
        let complete = scanObject { scanner, key in
            if scanner.matches(key, "status") {
                status = nil
                guard scanner.peek() == UInt8(ascii: "\"") else { return scanner.skipValue() }
                guard let value = scanner.plainString() else { return false }
                status = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[value]), as: UTF8.self)
                return true
            }
            if scanner.matches(key, "progress") {
                percentage = nil
                guard scanner.peek() == UInt8(ascii: "{") else { return scanner.skipValue() }
                return scanner.scanObject { scanner, key in
                    if scanner.matches(key, "percentage") {
                        percentage = scanner.number()
                        if percentage != nil { return true }
                    }
                    return scanner.skipValue()
                }
            }
            return scanner.skipValue()
        }
        guard complete else { return nil }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        return .scanned(status: status, percentage: percentage)
    }

    /// Walks an object's members, handing each key's byte range to `member`, which must
    /// consume the value; false if the structure is not as expected.
    private mutating func scanObject(_ member: (inout StatusJSONScanner, Range<Int>) -> Bool) -> Bool {
        skipWhitespace()
        guard consume(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = plainString() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}"))
        }
    }

    /// A string without escapes, as the byte range between its quotes; nil for a string
    /// with escapes or control characters, which the fallback parser handles.
    private mutating func plainString() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// A JSON number, or nil (without consuming) if the value is not one.
    private mutating func number() -> Double? {
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) {
            index += 1
        }
        guard index > start,
            let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)),
            value.isFinite
        else {
            index = start
            return nil
        }
        return value
    }

    /// Skips any JSON value.
    private mutating func skipValue() -> Bool {
        guard let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return skipContainer()
        case UInt8(ascii: "t"):
            return consumeLiteral("true")
        case UInt8(ascii: "f"):
            return consumeLiteral("false")
        case UInt8(ascii: "n"):
            return consumeLiteral("null")
        default:
            return number() != nil
        }
    }

    /// Skips a string, escapes included.
    private mutating func skipString() -> Bool {
        guard consume(UInt8(ascii: "\"")) else { return false }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                index += 2
            default:
                index += 1
            }
        }
        return false
    }

    /// Skips a nested object or array by counting brackets outside strings.
    private mutating func skipContainer() -> Bool {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    index += 1
                    return true
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    private func matches(_ range: Range<Int>, _ key: StaticString) -> Bool {
        guard range.count == key.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        return bytes[range].elementsEqual(expected)
    }

    private mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        let end = index + literal.utf8CodeUnitCount
        guard end <= bytes.count, matches(index..<end, literal) else { return false }
        index = end
        return true
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                index += 1
            default:
                return
            }
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
            UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }
}
