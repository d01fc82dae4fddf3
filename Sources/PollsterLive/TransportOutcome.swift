/// What ``CurlTransport/send(_:)`` returns: a response of any status, or a classified failure.
///
/// A failure is a value to count, never an error thrown out of a run.
public typealias TransportOutcome = Result<HTTPResponse, TransportFailure>
