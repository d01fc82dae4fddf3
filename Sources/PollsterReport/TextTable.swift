/// A plain aligned text table for terminals: columns two spaces apart under a dashed rule.
public enum TextTable {
    /// `header` and `rows` in columns: the first `leftAligned` columns (names, values)
    /// left-aligned, the figures after them right-aligned. `style` may decorate a data
    /// cell after padding (colour escapes then do not disturb the alignment).
    public static func render(
        header: [String], rows: [[String]], leftAligned: Int = 1,
        style: (_ row: Int, _ column: Int, _ padded: String) -> String = { _, _, padded in padded }
    ) -> String {
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func pad(_ text: String, _ c: Int) -> String {
            let fill = String(repeating: " ", count: widths[c] - text.count)
            return c < leftAligned ? text + fill : fill + text
        }
        var out = header.indices.map { pad(header[$0], $0) }.joined(separator: "  ") + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for (r, row) in rows.enumerated() {
            out += row.indices.map { style(r, $0, pad(row[$0], $0)) }.joined(separator: "  ") + "\n"
        }
        return out
    }
}
