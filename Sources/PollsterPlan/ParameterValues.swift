import Foundation
import PollsterCore
import PollsterReport

/// Parses the values a sweep sets: a list (`1s,2s,4s`, `none,full`), a linear range of N
/// points (`1.2..3.0/8`) or a logarithmic one (`10/s..1000/s/log7`). A range's ends are
/// two durations, two rates (in the first end's unit) or two numbers (whole numbers give
/// whole values).
public enum ParameterValues {
    /// The values `text` stands for, in order.
    public static func parse(_ text: String) throws(PlanError) -> [ParameterValue] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .invalidValues(text, "no values; give a list (1s,2s,4s) or a range (1.2..3.0/8, 10/s..1000/s/log7)")
        }
        if trimmed.contains("..") { return try range(trimmed) }
        let items = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        if items.contains(where: \.isEmpty) {
            throw .invalidValues(text, "an empty item in the list; separate values with single commas: 1s,2s,4s")
        }
        return items.map(ParameterValue.init)
    }

    /// `A..B/N` or `A..B/logN`.
    static func range(_ text: String) throws(PlanError) -> [ParameterValue] {
        let syntax = "write a range as FROM..TO/N (N evenly spaced points) or FROM..TO/logN (N points evenly spaced on a log scale)"
        let halves = text.components(separatedBy: "..")
        guard halves.count == 2, let slash = halves[1].lastIndex(of: "/") else {
            throw .invalidValues(text, syntax)
        }
        let from = ParameterValue(halves[0])
        let to = ParameterValue(String(halves[1][..<slash]))
        var countText = String(halves[1][halves[1].index(after: slash)...])
        let logarithmic = countText.hasPrefix("log")
        if logarithmic { countText.removeFirst(3) }
        guard let count = Int(countText) else {
            if !logarithmic, ["s", "m", "h"].contains(countText) {
                throw .invalidValues(text, "missing the number of points; write \(text)/N or \(text)/logN")
            }
            throw .invalidValues(text, "\"\(countText)\" is not a number of points; \(syntax)")
        }
        guard count >= 2 else { throw .invalidValues(text, "a range needs at least 2 points, got \(count)") }
        guard count <= 10_000 else { throw .invalidValues(text, "\(count) points is too many (at most 10000)") }
        guard let low = from.number, let high = to.number, from.kind != .text else {
            throw .invalidValues(text, "the ends must be durations (2s), rates (20/s) or numbers (1.5); \(syntax)")
        }
        guard from.kind == to.kind else {
            throw .invalidValues(text, "the ends are a \(from.kind.rawValue) and a \(to.kind.rawValue); both must be of one kind")
        }
        if logarithmic && (low <= 0 || high <= 0) {
            throw .invalidValues(text, "a log range needs ends above 0")
        }
        let numbers = (0..<count).map { i -> Double in
            let f = Double(i) / Double(count - 1)
            return logarithmic ? low * pow(high / low, f) : low + (high - low) * f
        }
        let wholeNumbers = from.kind == .number && Int(from.text) != nil && Int(to.text) != nil
        var texts: [String] = []
        for value in numbers {
            let written: String
            switch from.kind {
            case .duration: written = duration(value)
            case .rate:
                let unit = String(from.text[from.text.index(after: from.text.lastIndex(of: "/")!)...]).trimmingCharacters(in: .whitespaces)
                let scale = unit == "m" ? 60.0 : unit == "h" ? 3600.0 : 1.0
                written = significant(value * scale) + "/" + unit
            case .number, .text: written = wholeNumbers ? String(Int(value.rounded())) : significant(value)
            }
            if texts.last != written { texts.append(written) }
        }
        return texts.map(ParameterValue.init)
    }

    /// `value` seconds as a duration a scenario accepts: `1.5s`, `250ms`, `40us`.
    static func duration(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        if seconds >= 1 { return significant(seconds) + "s" }
        if seconds >= 0.001 { return significant(seconds * 1e3) + "ms" }
        return significant(seconds * 1e6) + "us"
    }

    /// `value` with 6 significant digits and no trailing zeros: `21.5443`, `100`.
    static func significant(_ value: Double, digits: Int = 6) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
        let magnitude = Int(floor(log10(abs(value)))) + 1
        var text = DecimalFormat.fixed(value, max(0, digits - magnitude))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
