import PollsterCore

/// Text and numbers as inline SVG (and HTML) needs them: the one escaping and the one
/// coordinate format of every chart and page.
public enum SVG {
    /// `text` safe inside an element or a double- or single-quoted attribute.
    public static func escape(_ text: String) -> String {
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
    public static func number(_ value: Double) -> String {
        DecimalFormat.fixed(value, 1)
    }
}
