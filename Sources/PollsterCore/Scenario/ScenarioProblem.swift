/// One mistake in a scenario file: where it is and what is wrong, printed as
/// `FILE:LINE: KEY.PATH: what is wrong; what is allowed`.
public struct ScenarioProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in (the scenario, or a CSV it references).
    public var file: String
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// Key path of the offending value, such as `strategies[2].multiplier`; empty for
    /// problems of the file as a whole (unreadable file, YAML syntax).
    public var path: String
    /// What is wrong and, where it helps, what is allowed.
    public var message: String

    /// A problem at `path` in `file`.
    /// Line breaks in `path` or `message` (from keys and values quoted in the file) are
    /// written as `\n`, so that a problem stays one line.
    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = Self.oneLine(path)
        self.message = Self.oneLine(message)
    }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": return "\\n"
            case "\r": return "\\r"
            default: return Character(scalar).isNewline ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }.joined()
    }

    /// The problem as one line: `FILE:LINE: KEY.PATH: message`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if !path.isEmpty { text += ": \(path)" }
        return text + ": " + message
    }
}
