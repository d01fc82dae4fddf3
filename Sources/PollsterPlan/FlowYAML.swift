import Yams

/// A YAML node written on one line in flow style (`{ name: expo, kind: exponential,
/// initial: 2s }`), keys in their order, for strategy blocks a user pastes into a scenario.
enum FlowYAML {
    /// `node` as flow YAML.
    static func render(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalarText(scalar.string)
        case .mapping(let mapping):
            let pairs = mapping.map { render($0.key) + ": " + render($0.value) }
            return "{ " + pairs.joined(separator: ", ") + " }"
        case .sequence(let sequence):
            return "[" + sequence.map(render).joined(separator: ", ") + "]"
        case .alias:
            return "~"
        }
    }

    /// A scalar, plain when YAML reads it back as the same text, otherwise double-quoted.
    static func scalarText(_ text: String) -> String {
        let special: Set<Character> = [",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\n"]
        let number = Double(text) != nil
        let plain = !text.isEmpty && !text.contains(where: { special.contains($0) })
            && !text.contains(": ") && !text.hasSuffix(":") && text.first != " " && text.last != " "
            && (text.first != "-" || number) && (text.first != "?" || text.count == 1)
        if plain { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}
