/// A plain aligned text table for the planning commands' terminal output.
enum TextTable {
    /// `header` and `rows` in columns two spaces apart: the first `leftAligned` columns
    /// (names, values) left-aligned, the figures after them right-aligned.
    static func render(header: [String], rows: [[String]], leftAligned: Int = 1) -> String {
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let fill = String(repeating: " ", count: widths[c] - text.count)
                return c < leftAligned ? text + fill : fill + text
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
