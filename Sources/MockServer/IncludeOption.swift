/// The extra sections `?include=` can ask for (comma-separated, repeatable).
public enum IncludeOption: String, Sendable, Hashable, CaseIterable {
    /// Step-level artifacts of the steps finished so far.
    case artifacts
    /// Execution metrics: queue and run time, steps finished.
    case metrics

    /// The options named by `values` (each may hold a comma-separated list; blank items
    /// are ignored), or the first unknown name.
    static func parse(_ values: [Substring]) -> Result<Set<IncludeOption>, UnknownInclude> {
        var options: Set<IncludeOption> = []
        for value in values {
            for item in value.split(separator: ",", omittingEmptySubsequences: true) {
                let name = item.trimmingCharacters(equalTo: " ")
                if name.isEmpty { continue }
                guard let option = IncludeOption(rawValue: String(name)) else {
                    return .failure(UnknownInclude(name: String(name.prefix(64))))
                }
                options.insert(option)
            }
        }
        return .success(options)
    }

    /// An `include` value that is not one of ``IncludeOption``.
    struct UnknownInclude: Error {
        var name: String
    }
}

extension Substring {
    fileprivate func trimmingCharacters(equalTo character: Character) -> Substring {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return text
    }
}
