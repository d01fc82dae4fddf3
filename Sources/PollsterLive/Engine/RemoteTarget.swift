import Foundation
import PollsterCore

/// A real API as a ``LiveTarget``: one API key (from the environment), executions from a
/// file of ids or created by POST at their arrival.
package enum RemoteTarget {
    package static func make(baseURL: String, apiKey: String, source: ExecutionSource, transport: CurlTransport, timeout: Duration) -> LiveTarget {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        switch source {
        case .ids(let ids, _):
            return LiveTarget(baseURL: base, apiKeys: [apiKey], submit: { plan in ids[plan.index % ids.count] }, finishedAt: { _ in nil })
        case .create(let path, let body):
            let request = HTTPRequest(
                method: .post, url: base + path,
                headers: [("Authorization", "Bearer " + apiKey), ("Content-Type", "application/json"), ("Accept", "application/json")],
                body: Array(body.utf8), timeout: timeout
            )
            return LiveTarget(baseURL: base, apiKeys: [apiKey], submit: { _ in
                guard case .success(let response) = await transport.send(request), (200..<300).contains(response.status),
                      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                      let id = object["id"] as? String, !id.isEmpty
                else { return nil }
                return id
            }, finishedAt: { _ in nil })
        }
    }
}
