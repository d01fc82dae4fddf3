import ArgumentParser
import Foundation
import PollsterCore
import PollsterProbe

/// `--server-from probe.json`: a scenario's server with the probed rate limits and
/// rejection style in place of its own (latency, capacity and faults stay).
enum ProbeServer {
    static func apply(_ path: String, to server: ServerModel) throws -> ServerModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            Terminal.error("error: --server-from \(path): cannot read it (\(error.localizedDescription))")
            throw ExitCode(1)
        }
        do {
            let block = try ProbeDocument.serverBlock(from: data)
            var server = server
            server.rateLimits = try block.rules()
            server.rejection = try block.rejection()
            return server
        } catch let problem as ProbeServerBlock.Problem {
            Terminal.error("error: --server-from \(path): \(problem.description)")
            throw ExitCode(1)
        } catch {
            Terminal.error("error: --server-from \(path): not a probe.json written by pollster probe --out (\(error))")
            throw ExitCode(1)
        }
    }
}
