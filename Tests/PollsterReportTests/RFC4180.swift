/// A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF rows.
enum RFC4180 {
    /// The rows of `text`; throws on a malformed quote or a ragged row.
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Problem.strayQuote(row: rows.count) }
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else if c == "\n" || c == "\r" {
                throw Problem.bareLineBreak(row: rows.count)
            } else {
                field.append(c)
            }
        }
        if quoted { throw Problem.unterminatedQuote }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        if let width = rows.first?.count, let ragged = rows.firstIndex(where: { $0.count != width }) {
            throw Problem.ragged(row: ragged)
        }
        return rows
    }

    /// The rows as dictionaries keyed by the header row.
    static func records(_ text: String) throws -> [[String: String]] {
        let rows = try parse(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    enum Problem: Error {
        case strayQuote(row: Int)
        case bareLineBreak(row: Int)
        case unterminatedQuote
        case ragged(row: Int)
    }
}
