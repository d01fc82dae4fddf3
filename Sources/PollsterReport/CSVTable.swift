/// A CSV document (RFC 4180): a header row and data rows, fields quoted when they need it,
/// CRLF line ends.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    /// A table with `header` and `rows` (each row as long as the header).
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The document's text.
    public var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A field as RFC 4180 writes it: in double quotes (doubled inside) when it holds a
    /// comma, a quote or a line break (CRLF is one `Character`, hence `isNewline`).
    public static func quoted(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) {
            return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
        }
        return field
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
