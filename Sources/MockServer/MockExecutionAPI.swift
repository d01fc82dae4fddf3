import HTTPTypes
import Hummingbird
import Logging
import NIOCore
#if canImport(Glibc)
import Glibc
#endif
import PollsterCore

/// Builds the Hummingbird router of the mock execution API: each handler turns the HTTP
/// request into an ``APIRequest``, asks ``ExecutionAPI`` at the scenario time of arrival,
/// waits the scaled latency, releases any concurrency slot and responds.
package enum MockExecutionAPI {
    /// The router serving `api` on `clock`, counting responses in `counters`.
    static func router(
        api: ExecutionAPI, clock: ScenarioClock, counters: RequestCounters, queue: ServerQueueRecorder, logger: Logger
    ) -> Router<MockRequestContext> {
        let configuration = api.configuration
        let router = Router(context: MockRequestContext.self)
        router.add(middleware: RequestLogMiddleware(counters: counters, logger: logger))
        router.add(middleware: JSONErrorMiddleware(routes: APIRoute.all(benchRoutes: configuration.benchRoutes),
                                                   maxHeaderBytes: configuration.maxHeaderBytes))

        router.get(RouterPath(APIRoute.getExecution.routerPath)) { request, context in
            let id = context.parameters.get("executionId") ?? ""
            let include = request.uri.queryParameters[values: "include"]
            return await serve(APIRequest(.getExecution(id: id, include: include), apiKey: apiKey(from: request.headers)),
                               dispatched: dispatchStamp(request.headers), api: api, clock: clock, queue: queue, channel: context.channel)
        }
        router.post(RouterPath(APIRoute.createExecution.routerPath)) { request, context in
            let flowId = context.parameters.get("flowId") ?? ""
            let body = try await collectBody(request, limit: configuration.maxBodyBytes)
            return await serve(APIRequest(.createExecution(flowId: flowId, body: body), apiKey: apiKey(from: request.headers)),
                               dispatched: dispatchStamp(request.headers), api: api, clock: clock, queue: queue, channel: context.channel)
        }
        router.post(RouterPath(APIRoute.cancelExecution.routerPath)) { request, context in
            let id = context.parameters.get("executionId") ?? ""
            return await serve(APIRequest(.cancelExecution(id: id), apiKey: apiKey(from: request.headers)),
                               dispatched: dispatchStamp(request.headers), api: api, clock: clock, queue: queue, channel: context.channel)
        }
        let health = ByteBuffer(string: #"{"status":"ok"}"#)
        router.get(RouterPath(APIRoute.health.routerPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: health))
        }
        let document = ByteBuffer(string: OpenAPIDocument.json(benchRoutes: configuration.benchRoutes))
        router.get(RouterPath(APIRoute.openAPI.routerPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
        if configuration.benchRoutes {
            let constant = ByteBuffer(string: benchConstantBody)
            router.get(RouterPath(APIRoute.benchConstant.routerPath)) { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: constant))
            }
        }
        return router
    }

    /// Answers `request` as ``ExecutionAPI`` decides at the scenario time it was sent: with
    /// the `dispatched` stamp of a client in this process, the instant the client handed it
    /// to a connection (the model's s_n, so that the server's own queueing changes neither
    /// the rate limiters' decisions nor the latency, as long as it stays under the modelled
    /// latency), else the instant the handler runs. The stamp also tells `queue` how late
    /// the server handled the request.
    static func serve(
        _ request: APIRequest, dispatched: Int64? = nil, api: ExecutionAPI, clock: ScenarioClock, queue: ServerQueueRecorder? = nil,
        channel: (any Channel)? = nil
    ) async -> Response {
        if let resets = api.resets, let stamp = dispatched, let channel, resets.contains(stamp) {
            // libcurl's re-send of a request this server reset: reset it again.
            reset(channel)
            return Response(status: .serviceUnavailable)
        }
        let handled = ContinuousClock.now
        let sent = dispatched.map { Swift.min(handled, MonotonicTime.instant($0)) } ?? handled
        let arrival = clock.time(at: sent)
        let result = api.respond(to: request, at: arrival)
        let slowBody: Nanoseconds
        if case .slowBody(let extra) = result.transportFault { slowBody = extra } else { slowBody = 0 }
        // A slow body's head leaves on time; its second half comes `slowBody` later.
        let due = clock.instant(at: arrival + result.latency - slowBody)
        if result.latency - slowBody > 0 {
            // A cancelled sleep (server shutting down) answers at once rather than never. No
            // tolerance: without one, Dispatch may fire the timer up to a tenth of the wait
            // and at least 1 ms late, which would be the mock's own queueing, not the model's.
            try? await Task.sleep(until: due, tolerance: .zero, clock: ContinuousClock())
        }
        if dispatched != nil, let queue {
            // How much later than the model the response leaves: the wait for the handler
            // beyond the modelled latency, plus the latency timer's own delay.
            let (seconds, attoseconds) = due.duration(to: .now).components
            queue.record(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
        if result.releaseKey != nil {
            api.release(result, at: clock.now())
        }
        let body = ByteBuffer(bytes: result.body)
        switch result.transportFault {
        case nil:
            return Response(status: result.status, headers: result.headers, body: .init(byteBuffer: body))
        case .reset?:
            if let stamp = dispatched { api.resets?.remember(stamp) }
            if let channel { reset(channel) }
            return Response(status: result.status, headers: result.headers, body: .init(byteBuffer: body))
        case .truncated?:
            let half = body.getSlice(at: 0, length: body.readableBytes / 2) ?? body
            return Response(status: result.status, headers: result.headers, body: ResponseBody(contentLength: body.readableBytes) { writer in
                try await writer.write(half)
                if let channel { try? await channel.close() }
            })
        case .slowBody?:
            let split = body.readableBytes / 2
            let first = body.getSlice(at: 0, length: split) ?? body
            let rest = body.getSlice(at: split, length: body.readableBytes - split) ?? ByteBuffer()
            let end = clock.instant(at: arrival + result.latency)
            return Response(status: result.status, headers: result.headers, body: ResponseBody(contentLength: body.readableBytes) { writer in
                try await writer.write(first)
                try? await Task.sleep(until: end, tolerance: .zero, clock: ContinuousClock())
                try await writer.write(rest)
                try await writer.finish(nil)
            })
        }
    }

    /// Resets `channel`: SO_LINGER 0 makes the close send a TCP RST, as a crashed server or
    /// a load balancer that lost its backend does.
    static func reset(_ channel: any Channel) {
        guard let socket = channel as? SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// The API key of a request: `Authorization: Bearer KEY`, else `X-API-Key: KEY`.
    static func apiKey(from headers: HTTPFields) -> Substring? {
        if let authorization = headers[.authorization], authorization.utf8.count > 7 {
            let scheme = authorization.prefix(7)
            if scheme.lowercased() == "bearer " {
                let token = authorization.dropFirst(7).drop(while: { $0 == " " })
                if !token.isEmpty { return token }
            }
        }
        if let key = headers[xAPIKey], !key.isEmpty {
            return key[...]
        }
        return nil
    }

    static let xAPIKey = HTTPField.Name("X-API-Key")!
    static let dispatchHeader = HTTPField.Name(MonotonicTime.dispatchHeader)!

    /// The client's dispatch stamp (``MonotonicTime``), when a client in this process sent one.
    static func dispatchStamp(_ headers: HTTPFields) -> Int64? {
        headers[dispatchHeader].flatMap { Int64($0) }
    }

    /// The request body, at most `limit` bytes (a 413 beyond); nil when empty.
    static func collectBody(_ request: Request, limit: Int) async throws -> [UInt8]? {
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= limit else { throw APIError.payloadTooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes.isEmpty ? nil : bytes
    }

    /// The body of `GET /bench/constant`: an execution of typical size, never changing.
    static let benchConstantBody = #"{"id":"exec_0000000000000000","flowId":"flow_bench","version":"1","status":"running","progress":{"step":"fetch-data","percentage":42.5},"createdAt":"2026-01-01T00:00:00.000Z","metadata":{}}"#
}
