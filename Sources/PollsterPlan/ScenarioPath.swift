import Foundation

/// The address of one value in a scenario file, as written on the command line:
/// `workload.arrival.rate`, `server.rateLimits[0].rate`, `strategies.expo.multiplier`
/// (a list of mappings is entered by index, or by the `name` of one of its items).
public struct ScenarioPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        /// A key of a mapping, or the `name` of an item of a list.
        case key(String)
        /// A 0-based index into a list.
        case index(Int)
    }

    /// The steps from the document's root.
    public var segments: [Segment]
    /// The path as the user wrote it.
    public var description: String

    /// Parses `text`; throws when it is empty or malformed (`a..b`, `a[x]`, `a[`).
    public init(_ text: String) throws(PlanError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var segments: [Segment] = []
        var current = ""
        var index = trimmed.startIndex
        func fail(_ why: String) -> PlanError {
            .invalidPath(trimmed, why + "; write it as workload.arrival.rate, server.rateLimits[0].rate or strategies.NAME.multiplier")
        }
        while index < trimmed.endIndex {
            let character = trimmed[index]
            switch character {
            case ".":
                if current.isEmpty {
                    guard case .index = segments.last else { throw fail("empty key") }
                } else {
                    segments.append(.key(current))
                    current = ""
                }
            case "[":
                if !current.isEmpty {
                    segments.append(.key(current))
                    current = ""
                }
                guard !segments.isEmpty, let close = trimmed[index...].firstIndex(of: "]") else {
                    throw fail("a list index needs a key before it and a closing ]")
                }
                let digits = trimmed[trimmed.index(after: index)..<close]
                guard let value = Int(digits), value >= 0 else {
                    throw fail("\(digits.isEmpty ? "an empty" : "\"\(digits)\" is not a") list index")
                }
                segments.append(.index(value))
                index = close
            default:
                current.append(character)
            }
            index = trimmed.index(after: index)
        }
        if !current.isEmpty {
            segments.append(.key(current))
        } else if trimmed.last == "." || segments.isEmpty {
            throw fail("empty key")
        }
        self.segments = segments
        self.description = trimmed
    }

    /// The path to a parameter of the strategy `name`: `strategies.NAME.PARAMETER`.
    public static func strategy(_ name: String, _ parameter: String) -> ScenarioPath {
        ScenarioPath(segments: [.key("strategies"), .key(name), .key(parameter)])
    }

    /// A path made of `segments`.
    public init(segments: [Segment]) {
        self.segments = segments
        self.description = Self.render(segments)
    }

    /// `segments` written as on the command line.
    static func render(_ segments: [Segment]) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
