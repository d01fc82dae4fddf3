/// Strategies mixed on the same API keys and the same server (`population:`): each
/// execution is polled by one member, drawn by its share, and every member's requests meet
/// the same rate limits. A run reports each member within the mix as its own row,
/// `MEMBER@NAME`, beside each strategy run alone.
public struct Population: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        /// A strategy of the scenario, by name.
        public var strategy: String
        /// The share of executions it polls (the shares sum to 1).
        public var share: Double

        public init(strategy: String, share: Double) {
            self.strategy = strategy
            self.share = share
        }
    }

    /// Names the mix in reports (`docs@mix`).
    public var name: String
    public var members: [Member]

    public init(name: String = "mix", members: [Member]) {
        self.name = name
        self.members = members
    }

    /// The report name of member `index`: `STRATEGY@NAME`.
    public func resultName(_ index: Int) -> String { members[index].strategy + "@" + name }

    /// Every member's report name, in order.
    public var resultNames: [String] { members.indices.map(resultName) }

    /// The member that polls execution `index` under `seed`: a draw of its own stream
    /// against the cumulative shares, the same in every engine.
    @inlinable public func member(seed: UInt64, index: Int) -> Int {
        var rng = RandomStream.population.generator(seed: seed, index: UInt64(index))
        let u = rng.nextUnit()
        var cumulative = 0.0
        for (i, member) in members.enumerated() {
            cumulative += member.share
            if u < cumulative { return i }
        }
        return members.count - 1
    }

    public var summary: String {
        "\(name): " + members.map { "\(Time.trimmed($0.share * 100))% \($0.strategy)" }.joined(separator: ", ")
    }
}
