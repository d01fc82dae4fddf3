import PollsterCore
import Yams

/// A scenario file kept as its YAML tree, so that any value it can hold can be replaced
/// (``ScenarioOverride``) and the result validated by the normal loader, with its messages.
public struct ScenarioTemplate: @unchecked Sendable {
    // Yams' nodes are not marked Sendable (their tags are classes). The tree is only read,
    // and overrides build modified copies on the task that plans the runs; simulations
    // receive validated `Scenario` values, never nodes.
    private let root: Node
    /// The scenario file, as named in problems.
    public let file: String
    /// Directory that relative `file:` references resolve against.
    public let baseDirectory: String
    /// The scenario as the file describes it (no overrides).
    public let scenario: Scenario

    /// The scenario file at `path`.
    public init(path: String) throws(PlanError) {
        do {
            let (root, baseDirectory) = try ScenarioLoader.compose(path: path)
            try self.init(root: root, file: path, baseDirectory: baseDirectory)
        } catch {
            throw .scenario(error)
        }
    }

    /// The scenario in `yaml`, named `file` in problems.
    public init(yaml: String, file: String, baseDirectory: String) throws(PlanError) {
        do {
            try self.init(root: ScenarioLoader.compose(yaml: yaml, file: file), file: file, baseDirectory: baseDirectory)
        } catch {
            throw .scenario(error)
        }
    }

    private init(root: Node?, file: String, baseDirectory: String) throws(ScenarioError) {
        scenario = try ScenarioLoader.load(node: root, file: file, baseDirectory: baseDirectory)
        self.root = root ?? Node("")
        self.file = file
        self.baseDirectory = baseDirectory
    }

    /// The scenario with every override applied, validated; a path that does not exist or
    /// a value the scenario rejects is a ``PlanError`` naming the path.
    public func scenario(with overrides: [ScenarioOverride]) throws(PlanError) -> Scenario {
        guard !overrides.isEmpty else { return scenario }
        let node = try tree(with: overrides)
        do {
            return try ScenarioLoader.load(node: node, file: file, baseDirectory: baseDirectory)
        } catch {
            throw .invalidValue(overrides.map(\.description).joined(separator: ", "), error)
        }
    }

    /// The text of the scalar at `path` (`2s` for `strategies.expo.initial`), or nil when
    /// the path is absent or holds a mapping or a list; throws when the path is malformed
    /// for this scenario (an unknown strategy name, an index past the end).
    public func value(at path: ScenarioPath) throws(PlanError) -> String? {
        var node = root
        var walked: [ScenarioPath.Segment] = []
        for segment in path.segments {
            guard let next = try Self.child(of: node, segment, walked: walked, path: path) else { return nil }
            node = next.node
            walked.append(next.segment)
        }
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    /// The index in `scenario.strategies` of the strategy `path` lies inside
    /// (`strategies.expo.multiplier`, `strategies[2].interval`), or nil for a path outside
    /// the strategies (`workload.arrival.rate`); throws as ``value(at:)`` does for a
    /// strategy that does not exist. A value inside one strategy changes no other one.
    public func strategyIndex(containing path: ScenarioPath) throws(PlanError) -> Int? {
        guard path.segments.count >= 2, path.segments[0] == .key("strategies"), let strategies = root.mapping?["strategies"],
              let item = try Self.child(of: strategies, path.segments[1], walked: [.key("strategies")], path: path),
              case .index(let index) = item.segment
        else { return nil }
        return index
    }

    /// The tree of the file with `overrides` applied in order.
    func tree(with overrides: [ScenarioOverride]) throws(PlanError) -> Node {
        var node = root
        for override in overrides {
            node = try Self.setting(override.value, at: override.path.segments[...], in: node, walked: [], path: override.path)
        }
        return node
    }

    /// The YAML mapping of the strategy `name` with `overrides` applied, as one flow line
    /// (`{ name: expo, kind: exponential, initial: 1.5s, ... }`) ready to paste.
    public func strategyYAML(named name: String, with overrides: [ScenarioOverride]) throws(PlanError) -> String {
        let node = try tree(with: overrides)
        let strategyPath = ScenarioPath(segments: [.key("strategies"), .key(name)])
        guard let strategies = node.mapping?["strategies"],
              let item = try Self.child(of: strategies, .key(name), walked: [.key("strategies")], path: strategyPath)
        else {
            throw .noSuchPath(strategyPath.description, "the scenario has no strategies list")
        }
        return FlowYAML.render(item.node)
    }

    // MARK: Walking the tree

    /// The child of `node` at `segment` (a list is entered by index or by item name), with
    /// the segment as the decoder would name it; nil when a mapping lacks the key.
    private static func child(
        of node: Node, _ segment: ScenarioPath.Segment, walked: [ScenarioPath.Segment], path: ScenarioPath
    ) throws(PlanError) -> (node: Node, segment: ScenarioPath.Segment)? {
        let here = walked.isEmpty ? "the top level" : ScenarioPath.render(walked)
        switch (node, segment) {
        case (.mapping(let mapping), .key(let key)):
            return mapping[key].map { ($0, segment) }
        case (.sequence(let sequence), .index(let index)):
            guard index < sequence.count else {
                throw .noSuchPath(path.description, "\(here) has \(sequence.count) item\(sequence.count == 1 ? "" : "s") ([0]..[\(sequence.count - 1)])")
            }
            return (sequence[index], segment)
        case (.sequence(let sequence), .key(let name)):
            let names = sequence.compactMap { $0.mapping?["name"]?.scalar?.string }
            guard let index = sequence.firstIndex(where: { $0.mapping?["name"]?.scalar?.string == name }) else {
                let known = names.isEmpty ? "its items have no names; use an index such as \(here)[0]" : "names there: " + names.joined(separator: ", ")
                throw .noSuchPath(path.description, "\(here) has no item named \"\(name)\"; \(known)")
            }
            return (sequence[index], .index(index))
        case (.mapping(let mapping), .index):
            let keys = mapping.keys.compactMap { $0.scalar?.string }
            throw .noSuchPath(path.description, "\(here) is a mapping, not a list; keys there: " + keys.joined(separator: ", "))
        case (.scalar(let scalar), _):
            throw .noSuchPath(path.description, "\(here) is the single value \"\(scalar.string)\"; vary \(here) itself")
        default:
            throw .noSuchPath(path.description, "\(here) is not a mapping or a list")
        }
    }

    /// `node` with the scalar `value` at `segments`; a missing last key (or missing
    /// mappings on the way) is added, so optional keys such as `initialDelay` can be set.
    private static func setting(
        _ value: String, at segments: ArraySlice<ScenarioPath.Segment>, in node: Node,
        walked: [ScenarioPath.Segment], path: ScenarioPath
    ) throws(PlanError) -> Node {
        guard let segment = segments.first else {
            return .scalar(Node.Scalar(value, .implicit, .plain, node.mark))
        }
        let rest = segments.dropFirst()
        if case .mapping(var mapping) = node, case .key(let key) = segment, mapping[key] == nil {
            let fresh: Node = rest.isEmpty ? Node("") : .mapping(Node.Mapping([], .implicit, .flow, node.mark))
            mapping[key] = try setting(value, at: rest, in: fresh, walked: walked + [segment], path: path)
            return .mapping(mapping)
        }
        guard let found = try child(of: node, segment, walked: walked, path: path) else {
            throw .noSuchPath(path.description, "nothing at \(ScenarioPath.render(walked + [segment]))")
        }
        let replaced = try setting(value, at: rest, in: found.node, walked: walked + [found.segment], path: path)
        switch (node, found.segment) {
        case (.mapping(var mapping), .key(let key)):
            mapping[key] = replaced
            return .mapping(mapping)
        case (.sequence(var sequence), .index(let index)):
            sequence[index] = replaced
            return .sequence(sequence)
        default:
            return node
        }
    }
}
