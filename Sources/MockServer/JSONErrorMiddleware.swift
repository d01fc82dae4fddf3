import HTTPTypes
import Hummingbird

/// Turns every error into a JSON error response (`{"error": {"code", "message"}}`): an
/// unknown path is a 404 `NOT_FOUND`, a known path with another method a 405 with
/// `Allow`, oversized headers a 431; nothing a client sends reaches the server as a crash.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [APIRoute]
    let maxHeaderBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var headerBytes = 0
        for field in request.headers {
            headerBytes += field.name.rawName.utf8.count + field.value.utf8.count
        }
        if headerBytes > maxHeaderBytes {
            return APIError.headersTooLarge(limit: maxHeaderBytes).response()
        }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let allowed = routes.filter { $0.matches(path: path) }.map(\.method)
            if allowed.isEmpty || allowed.contains(request.method) {
                return APIError.routeNotFound(path).response()
            }
            return APIError.methodNotAllowed(request.method, allowed: allowed).response()
        } catch let error as HTTPError {
            return APIError.other(error.status, message: error.body).response()
        } catch let error as any HTTPResponseError {
            return APIError.other(error.status, message: nil).response()
        } catch {
            context.logger.error("Unexpected error answering a request", metadata: ["error.type": "\(type(of: error))"])
            return APIError.other(.internalServerError, message: "Internal error").response()
        }
    }
}
