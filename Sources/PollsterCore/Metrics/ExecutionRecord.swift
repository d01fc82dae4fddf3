/// One execution as one strategy's client saw it: a row of executions.csv. Engines fill
/// ``RunResult/executions`` with these when asked to keep per-execution detail.
/// Times are nanoseconds of scenario time since the run started.
public struct ExecutionRecord: Sendable, Codable, Equatable {
    /// How the client's polling loop for an execution ended.
    public enum ClientEnd: String, Sendable, Codable, CaseIterable {
        /// A 200 with the terminal status was received.
        case detected
        /// The client gave up (`client.timeout`).
        case abandoned
        /// A 401, 403 or 404 ended the loop.
        case errored
        /// The run stopped (interrupted) before the loop ended.
        case unfinished
    }

    /// The strategy whose client polled this execution.
    public var strategy: String
    /// The execution's index in creation order (the same execution under every strategy).
    public var index: Int
    /// c_e: when the execution was created.
    public var created: Nanoseconds
    /// f_e: when it became terminal.
    public var finished: Nanoseconds
    /// r_detect: when the client received the terminal status; nil when it never did.
    public var detected: Nanoseconds?
    /// Requests the client sent for it.
    public var polls: Int
    /// Of those, answered 429.
    public var responses429: Int
    /// The execution's terminal status.
    public var outcome: Outcome
    /// How the client's loop ended.
    public var end: ClientEnd

    /// A record; see the properties for the meaning of each value.
    public init(
        strategy: String, index: Int, created: Nanoseconds, finished: Nanoseconds, detected: Nanoseconds?,
        polls: Int, responses429: Int, outcome: Outcome, end: ClientEnd
    ) {
        self.strategy = strategy
        self.index = index
        self.created = created
        self.finished = finished
        self.detected = detected
        self.polls = polls
        self.responses429 = responses429
        self.outcome = outcome
        self.end = end
    }
}

extension ExecutionRecord {
    private enum CodingKeys: String, CodingKey {
        case strategy, index, created, finished, detected, polls, responses429, outcome, end
    }

    /// Decodes a row of results.json, rejecting times beyond ±2^61 ns (73 years), whose
    /// differences would overflow, and counts out of range (see ``DecodedCount``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Nanoseconds? {
            guard let value = try c.decodeIfPresent(Nanoseconds.self, forKey: key) else { return nil }
            guard value.magnitude <= 1 << 61 else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key],
                    debugDescription: "\(value) ns is not a time in a run; times are within ±\(1 << 61) ns"))
            }
            return value
        }
        func required(_ key: CodingKeys) throws -> Nanoseconds {
            guard let value = try time(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: c.codingPath, debugDescription: "no \(key.stringValue)"))
            }
            return value
        }
        self.init(
            strategy: try c.decode(String.self, forKey: .strategy), index: try c.decodeCount(forKey: .index),
            created: try required(.created), finished: try required(.finished), detected: try time(.detected),
            polls: try c.decodeCount(forKey: .polls), responses429: try c.decodeCount(forKey: .responses429),
            outcome: try c.decode(Outcome.self, forKey: .outcome), end: try c.decode(ClientEnd.self, forKey: .end)
        )
    }
}
