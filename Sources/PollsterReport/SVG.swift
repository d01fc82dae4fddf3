import PollsterCore
/// Text and numbers as inline SVG (and HTML) needs them.
enum SVG {
    /// `text` safe inside an element or a double- or single-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with one decimal, locale-free.
    static func number(_ value: Double) -> String {
        DecimalFormat.fixed(value, 1)
    }

}
