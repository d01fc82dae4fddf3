import Yams

/// The entries of one YAML mapping of a scenario, by key, with the path and line used to
/// report problems about them.
struct MappingFields {
    /// Key path of the mapping itself (empty at the top level).
    let path: String
    /// Line to report missing keys at: the key that holds the mapping, or its first line.
    let line: Int?
    /// Keys in file order (only scalar keys; others are reported when the mapping is read).
    let keys: [String]
    private let entries: [String: (key: Node, value: Node)]

    init(path: String, line: Int?, pairs: [(key: String, keyNode: Node, value: Node)]) {
        self.path = path
        self.line = line
        self.keys = pairs.map(\.key)
        var entries: [String: (key: Node, value: Node)] = [:]
        for pair in pairs where entries[pair.key] == nil {
            entries[pair.key] = (pair.keyNode, pair.value)
        }
        self.entries = entries
    }

    /// The path of `key` in this mapping: `workload.arrival`.
    func path(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The value of `key`; nil when absent or null.
    func value(_ key: String) -> Node? {
        guard let value = entries[key]?.value, !value.isNull else { return nil }
        return value
    }

    /// The line `key` is written on.
    func line(of key: String) -> Int? {
        entries[key]?.key.line ?? line
    }

    /// True when `key` is present with a non-null value.
    func has(_ key: String) -> Bool {
        value(key) != nil
    }
}
