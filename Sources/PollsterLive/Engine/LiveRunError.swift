/// Why a live run could not start.
public enum LiveRunError: Error, CustomStringConvertible {
    case unsupportedTarget(String)
    case noExecutionSource(String)
    case missingAPIKey(variable: String)

    public var description: String {
        switch self {
        case .unsupportedTarget(let target):
            return "cannot run live against \(target): expected embedded or an http(s) URL"
        case .noExecutionSource(let target):
            return "a live run against \(target) needs executions to poll: add `live: {executionIds: FILE}` (existing ids, one per line) or `live: {createPath: /v1/flows/FLOW/executions}` to the scenario"
        case .missingAPIKey(let variable):
            return "the API key is read from the environment variable \(variable), which is not set (export it; never put a key in a scenario or on a command line)"
        }
    }
}
