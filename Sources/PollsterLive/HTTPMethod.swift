/// The request methods the transport sends: polls are GETs, and POST covers creating executions.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
}
