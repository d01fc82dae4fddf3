import HTTPTypes
import Hummingbird

/// An error response of the mock: an HTTP status and the JSON body
/// `{"error": {"code": "...", "message": "..."}}`, with optional extra headers.
struct APIError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    /// Machine-readable code, e.g. `EXECUTION_NOT_FOUND`.
    var code: String
    /// What went wrong, for people.
    var message: String
    var headers: HTTPFields = [:]

    /// The error as a response (the ``HTTPResponseError`` requirement).
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The error as a response.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body())))
    }

    /// The JSON body.
    func body() -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + message.utf8.count)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code")
        writer.string(code)
        writer.key("message")
        writer.string(message)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    static let unauthorized = APIError(
        status: .unauthorized, code: "UNAUTHORIZED",
        message: "Missing or invalid API key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
        headers: [.wwwAuthenticate: "Bearer"])

    static func forbidden(missing scope: APIScope) -> APIError {
        APIError(status: .forbidden, code: "FORBIDDEN", message: "API key missing \(scope.rawValue) scope")
    }

    static let executionNotFound = APIError(status: .notFound, code: "EXECUTION_NOT_FOUND", message: "Execution doesn't exist")

    static let overloaded = APIError(status: .serviceUnavailable, code: "OVERLOADED",
                                     message: "The server is at capacity (its queue is full); try again later")

    static let rateLimited = APIError(status: .tooManyRequests, code: "RATE_LIMITED", message: "Rate limit exceeded")

    /// A rate-limit rejection with the server's rejection status (429 or 503).
    static func rejected(status: Int) -> APIError {
        status == 429 ? rateLimited
            : APIError(status: HTTPResponse.Status(code: status), code: "RATE_LIMITED", message: "Rate limit exceeded; try again later")
    }

    static func invalidRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "INVALID_REQUEST", message: message)
    }

    static let alreadyTerminal = APIError(status: .conflict, code: "EXECUTION_ALREADY_TERMINAL",
                                          message: "The execution has already finished and cannot be cancelled")

    static func routeNotFound(_ path: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", message: "No such endpoint: \(path.prefix(200))")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                        message: "\(method.rawValue.prefix(20)) is not allowed here; allowed: \(list)",
                        headers: [.allow: list])
    }

    static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "The request body exceeds \(limit) bytes")
    }

    static func headersTooLarge(limit: Int) -> APIError {
        APIError(status: .requestHeaderFieldsTooLarge, code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
                 message: "The request headers exceed \(limit) bytes")
    }

    /// Any other HTTP error status, rendered the same way.
    static func other(_ status: HTTPResponse.Status, message: String?) -> APIError {
        let code = status.reasonPhrase.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return APIError(status: status, code: String(code), message: message ?? status.reasonPhrase)
    }
}
