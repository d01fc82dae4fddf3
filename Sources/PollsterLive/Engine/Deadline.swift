/// Runs `body`, requesting `stop` when `limit` (wall time) passes first; nil: no limit.
package func withDeadline<T: Sendable>(_ limit: Duration?, stop: StopSignal, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    guard let limit else { return try await body() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            // Cancelled (so returning early) once the body is done.
            if (try? await Task.sleep(for: limit)) != nil { stop.request() }
            return nil
        }
        var result: T?
        for try await value in group where value != nil {
            result = value
            group.cancelAll()
        }
        guard let result else { throw CancellationError() }
        return result
    }
}
