/// A routed request to the execution API: the operation and the API key presented.
package struct APIRequest: Sendable {
    package var operation: APIOperation
    /// The key from `Authorization: Bearer KEY` or `X-API-Key`, nil when none was sent.
    package var apiKey: Substring?

    /// A request for `operation` presenting `apiKey`.
    package init(_ operation: APIOperation, apiKey: Substring?) {
        self.operation = operation
        self.apiKey = apiKey
    }
}
