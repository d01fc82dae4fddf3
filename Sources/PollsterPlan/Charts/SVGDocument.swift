import PollsterCore
import PollsterReport

/// A minimal SVG writer: elements appended in order, numbers written locale-free with two
/// decimals, text escaped, so the same chart gives the same bytes.
public struct SVGDocument: Sendable {
    public var width: Double
    public var height: Double
    private var elements: [String] = []

    /// An empty drawing of `width` × `height` pixels.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The document's text.
    public var text: String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
        out += "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
        for element in elements { out += element + "\n" }
        return out + "</svg>\n"
    }

    /// A number as SVG attributes take it.
    static func n(_ value: Double) -> String {
        var text = DecimalFormat.fixed(value, 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` with XML's special characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A straight line, with an optional tooltip.
    public mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dashed: Bool = false, tooltip: String? = nil
    ) {
        let dash = dashed ? " stroke-dasharray=\"5 4\"" : ""
        let element = "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash)"
        elements.append(tooltip.map { element + "><title>\(Self.escaped($0))</title></line>" } ?? element + "/>")
    }

    /// A rectangle, filled and optionally outlined.
    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        let outline = stroke.map { " stroke=\"\($0)\"" } ?? ""
        let tip = title.map { "<title>\(Self.escaped($0))</title>" } ?? ""
        elements.append("<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"\(fill)\"\(outline)>\(tip)</rect>")
    }

    /// A dot.
    public mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        let outline = stroke.map { " stroke=\"\($0)\" stroke-width=\"1.5\"" } ?? ""
        let tip = title.map { "<title>\(Self.escaped($0))</title>" } ?? ""
        elements.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius))\" fill=\"\(fill)\"\(outline)>\(tip)</circle>")
    }

    /// A polyline through `points`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2) {
        guard points.count > 1 else { return }
        let list = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"/>")
    }

    /// Text anchored at (x, y): `start`, `middle` or `end`; `rotated` turns it upwards; with an optional tooltip.
    public mutating func text(
        _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = 12, bold: Bool = false, fill: String = "#222222",
        rotated: Bool = false, tooltip: String? = nil
    ) {
        let weight = bold ? " font-weight=\"bold\"" : ""
        let rotation = rotated ? " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" : ""
        let tip = tooltip.map { "<title>\(Self.escaped($0))</title>" } ?? ""
        elements.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.n(size))\"\(weight) fill=\"\(fill)\"\(rotation)>\(Self.escaped(content))\(tip)</text>")
    }
}
