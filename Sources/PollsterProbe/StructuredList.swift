/// A forgiving reader of RFC 9651 Structured Field lists as rate-limit fields use them:
/// `"name";q=100;w=60;qu="requests";pk=:cHJvamVjdA==:`, tokens instead of strings, spaces
/// around `;` and `=`, and the older drafts' dictionary form `limit=10, remaining=5`.
enum StructuredList {
    struct Member: Sendable, Hashable {
        var name: String
        /// The value of a `key=value` dictionary member; nil for a list item.
        var value: String?
        /// Parameters as text (strings unquoted, byte sequences kept with their colons).
        var parameters: [String: String]

        func number(_ key: String) -> Double? {
            guard let text = parameters[key], let value = Double(text), value.isFinite else { return nil }
            return value
        }

        func integer(_ key: String) -> Int? {
            guard let value = number(key), value >= 0 else { return nil }
            return Int(value)
        }
    }

    static func parse(_ text: String) -> [Member] {
        split(text, on: ",").compactMap { item in
            let parts = split(item, on: ";")
            let head = parts.first?.probeTrimmed() ?? ""
            guard !head.isEmpty else { return nil }
            var member: Member
            if head.hasPrefix("\"") {
                member = Member(name: unquote(head), value: nil, parameters: [:])
            } else if let equals = head.firstIndex(of: "=") {
                member = Member(name: String(head[..<equals]).probeTrimmed(),
                                value: unquote(String(head[head.index(after: equals)...]).probeTrimmed()), parameters: [:])
            } else {
                member = Member(name: head, value: nil, parameters: [:])
            }
            for parameter in parts.dropFirst() {
                guard let equals = parameter.firstIndex(of: "=") else { continue }
                let key = String(parameter[..<equals]).probeTrimmed().lowercased()
                member.parameters[key] = unquote(String(parameter[parameter.index(after: equals)...]).probeTrimmed())
            }
            return member
        }
    }

    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\"") else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped { result.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { break } else { result.append(character) }
        }
        return result
    }

    /// Splits at `separator` outside double-quoted strings.
    static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                current.append(character)
            } else if character == "\"" {
                quoted = true
                current.append(character)
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
