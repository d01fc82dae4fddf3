/// Which strategies a threshold looks at, from its prefix: `any:` (the default: breached
/// when any strategy breaches), `all:` (only when every strategy does) or `NAME:` (one
/// strategy).
public enum ThresholdScope: Sendable, Hashable, Codable {
    case any
    case all
    case strategy(String)

    /// The prefix as written, without the colon.
    public var prefix: String {
        switch self {
        case .any: return "any"
        case .all: return "all"
        case .strategy(let name): return name
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = text == "any" ? .any : text == "all" ? .all : .strategy(String(text.dropFirst("strategy:".count)))
        if case .strategy = self, !text.hasPrefix("strategy:") {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected any, all or strategy:NAME, got \"\(text)\""))
        }
    }

    /// `any`, `all` or `strategy:NAME` (so that a strategy named "all" stays one).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .any, .all: try container.encode(prefix)
        case .strategy(let name): try container.encode("strategy:" + name)
        }
    }
}
