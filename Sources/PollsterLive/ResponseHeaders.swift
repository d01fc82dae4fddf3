/// The header fields of a response, kept as the bytes curl delivered and read on demand: a
/// polling client looks at one or two fields of a few responses (Retry-After of a 429), so
/// turning every field of every response into strings would be work thrown away.
public struct ResponseHeaders: Sendable, Hashable {
    /// `Name: value` lines of the final response, each ended by a line feed.
    private var lines: [UInt8]

    /// Headers from fields (names in any case).
    public init(_ fields: [String: String] = [:]) {
        lines = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            lines.append(contentsOf: Array(name.utf8) + Array(": ".utf8) + Array(value.utf8) + [0x0A])
        }
    }

    /// Headers from curl's raw lines (see ``CurlEasyHandle``).
    init(lines: [UInt8]) {
        self.lines = lines
    }

    /// The value of field `name` (any case), a repeated field's values joined with ", ";
    /// nil when absent.
    public subscript(name: String) -> String? {
        let wanted = Array(name.utf8)
        var found: String?
        forEachField { fieldName, value in
            guard fieldName.count == wanted.count,
                  zip(fieldName, wanted).allSatisfy({ Self.lower($0) == Self.lower($1) })
            else { return }
            let text = String(decoding: value, as: UTF8.self)
            found = found.map { $0 + ", " + text } ?? text
        }
        return found
    }

    /// Every field by lowercased name; repeated fields' values joined with ", ".
    public var all: [String: String] {
        var fields: [String: String] = [:]
        forEachField { name, value in
            let key = String(decoding: name.map(Self.lower), as: UTF8.self)
            let text = String(decoding: value, as: UTF8.self)
            fields[key] = fields[key].map { $0 + ", " + text } ?? text
        }
        return fields
    }

    /// Calls `body` with each field's name and value (spaces around the value trimmed).
    private func forEachField(_ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
        var start = lines.startIndex
        while start < lines.endIndex {
            let end = lines[start...].firstIndex(of: 0x0A) ?? lines.endIndex
            let line = lines[start..<end]
            if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex {
                var valueStart = colon + 1
                var valueEnd = end
                while valueStart < valueEnd, lines[valueStart] == 0x20 || lines[valueStart] == 0x09 { valueStart += 1 }
                while valueEnd > valueStart, lines[valueEnd - 1] == 0x20 || lines[valueEnd - 1] == 0x09 { valueEnd -= 1 }
                body(line[line.startIndex..<colon], lines[valueStart..<valueEnd])
            }
            start = end + 1
        }
    }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
