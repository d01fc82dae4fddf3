import Yams

extension Node {
    /// True for `~`, `null` and an empty value (`key:`), which count as "not set".
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The 1-based line the node starts on.
    var line: Int? { mark?.line }

    /// The text of a scalar node; nil for mappings, lists and aliases.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// The node in a few words for "got ..." messages: `"fast"`, `a mapping`, `a list`.
    var described: String {
        switch self {
        case .scalar(let scalar): return isNull ? "nothing" : DurationParser.quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
