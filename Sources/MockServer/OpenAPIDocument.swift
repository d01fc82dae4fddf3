/// The OpenAPI 3.1 description of the mock, served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = "{}"
}
