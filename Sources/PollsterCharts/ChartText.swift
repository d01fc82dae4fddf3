/// Text measurements for laying out SVG without a font engine: an estimate of how wide a
/// string is at the charts' 12 px font, on the generous side, so that what is laid out
/// apart stays apart in any common sans-serif font.
enum ChartText {
    /// The height of a line of 12 px text: from 11 px above the baseline to 3 px below.
    static let ascent = 11.0
    static let descent = 3.0

    /// The estimated width of `text` at 12 px, in px.
    static func width(_ text: String) -> Double {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// One character's width: DejaVu Sans's (the widest common sans-serif; others are narrower).
    static func width(of character: Character) -> Double {
        switch character {
        case "i", "j", "l", "!", "|", ".", ",", ":", ";", "'", "\u{2019}": return 3.4
        case " ", "f", "t", "r", "(", ")", "[", "]", "-", "/", "I": return 5.0
        case "m", "w", "M", "W", "@", "%", "—": return 11.7
        case "A"..."Z": return 8.8
        default: return 7.6
        }
    }

    /// `text` broken at spaces into lines no wider than `maximum` px; a word wider than
    /// that on its own is broken where it must be. Never empty.
    static func lines(_ text: String, maximum: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate) <= maximum {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            // Break a word too wide for a line of its own.
            for character in word {
                if !current.isEmpty, width(current) + width(of: character) > maximum {
                    lines.append(current)
                    current = ""
                }
                current.append(character)
            }
        }
        lines.append(current)
        return lines
    }
}
