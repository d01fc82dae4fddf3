extension APIKeyGrant {
    /// The scopes that may be granted, as written in key lists.
    static var allowedScopes: String { APIScope.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Reads key grants from `text`: one `KEY scope1,scope2` per entry, entries separated by
    /// `separator` (a newline in a `--keys-file`, `;` in `POLLSTER_MOCK_KEYS`). Blank
    /// entries and entries starting with `#` are skipped. Keys get rate-limiter indices in
    /// order of appearance, starting at `firstIndex`.
    public static func parse(_ text: String, separator: Character, source: String, firstIndex: Int = 0) throws(APIKeyGrantError) -> [APIKeyGrant] {
        var grants: [APIKeyGrant] = []
        var seen: Set<String> = []
        for (offset, rawEntry) in text.split(separator: separator, omittingEmptySubsequences: false).enumerated() {
            let entry = rawEntry.trimmingASCIIWhitespace()
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            let fields = entry.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let number = offset + 1
            guard fields.count == 2 else {
                throw APIKeyGrantError(source: source, entry: number, reason: "expected `KEY scope1,scope2` (scopes: \(allowedScopes))")
            }
            let key = String(fields[0])
            guard key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw APIKeyGrantError(source: source, entry: number, reason: "a key must be printable ASCII without spaces")
            }
            var scopes: Set<APIScope> = []
            for name in fields[1].split(separator: ",") {
                guard let scope = APIScope(rawValue: String(name)) else {
                    throw APIKeyGrantError(source: source, entry: number, reason: "unknown scope '\(name)' (allowed: \(allowedScopes))")
                }
                scopes.insert(scope)
            }
            guard seen.insert(key).inserted else {
                throw APIKeyGrantError(source: source, entry: number, reason: "the same key appears twice (\(fingerprint(of: key)))")
            }
            grants.append(APIKeyGrant(key: key, scopes: scopes, index: firstIndex + grants.count))
        }
        return grants
    }
}

extension Substring {
    fileprivate func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
