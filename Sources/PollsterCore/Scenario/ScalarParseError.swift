/// Why a duration or rate written in a scenario (or on the command line) is not valid.
public struct ScalarParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what is allowed, e.g. `unknown unit "sec" in "2sec"; allowed units: ns, us, ms, s, m, h`.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
