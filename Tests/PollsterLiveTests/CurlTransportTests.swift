import PollsterLive
import Testing

@Suite("CurlTransport against a local server")
struct CurlTransportTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let response = try await transport.send(HTTPRequest(url: base + "/hello")).get()
                #expect(response.status == 200)
                #expect(response.headers["x-test"] == "yes")
                #expect(response.header("Content-Type") == "text/plain")
                #expect(response.body == Array("hello world".utf8))
                #expect(response.connectionsOpened == 1)
                #expect(response.localPort > 0)
                #expect(response.timings.total > 0)
                #expect(response.timings.firstByte <= response.timings.total)
                #expect(response.timings.connect <= response.timings.firstByte)
            }
        }
    }

    @Test func postSendsBodyAndHeaders() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let payload = Array(#"{"flowId":"flow_1","input":{"n":1}}"#.utf8)
                let request = HTTPRequest(
                    method: .post, url: base + "/echo",
                    headers: [(name: "Content-Type", value: "application/json")], body: payload)
                let response = try await transport.send(request).get()
                #expect(response.status == 201)
                #expect(response.headers["x-method"] == "POST")
                #expect(response.body == payload)

                let empty = try await transport.send(HTTPRequest(method: .post, url: base + "/echo")).get()
                #expect(empty.status == 201)
                #expect(empty.body.isEmpty)

                // A reused handle must go back to GET after a POST.
                let get = try await transport.send(HTTPRequest(url: base + "/hello")).get()
                #expect(get.status == 200)
            }
        }
    }

    @Test func rateLimitedResponseIsAResponse() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let response = try await transport.send(HTTPRequest(url: base + "/limited")).get()
                #expect(response.status == 429)
                #expect(response.header("Retry-After") == "3")
            }
        }
    }

    @Test(arguments: [1, 2])
    func hundredConcurrentRequestsComplete(threads: Int) async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport(configuration: TransportConfiguration(threads: threads)) { transport in
                let statuses = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
                    for _ in 0..<100 {
                        group.addTask {
                            switch await transport.send(HTTPRequest(url: base + "/execution")) {
                            case .success(let response): return response.status
                            case .failure: return -1
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.count == 100)
                #expect(statuses.allSatisfy { $0 == 200 })
            }
        }
    }

    @Test func connectionsAreReused() async throws {
        try await TestServer.withServer { base in
            let configuration = TransportConfiguration(maxConnections: 4)
            try await withCurlTransport(configuration: configuration) { transport in
                var opened = 0
                var ports = Set<Int>()
                for _ in 0..<25 {
                    let wave = await withTaskGroup(of: TransportOutcome.self, returning: [TransportOutcome].self) { group in
                        for _ in 0..<8 {
                            group.addTask { await transport.send(HTTPRequest(url: base + "/hello")) }
                        }
                        return await group.reduce(into: []) { $0.append($1) }
                    }
                    for outcome in wave {
                        let response = try outcome.get()
                        opened += response.connectionsOpened
                        ports.insert(response.localPort)
                    }
                }
                #expect(opened <= 2 * configuration.maxConnections, "200 requests opened \(opened) connections")
                #expect(ports.count <= 2 * configuration.maxConnections)
            }
        }
    }

    @Test func slowResponseTimesOut() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let clock = ContinuousClock()
                let start = clock.now
                let outcome = await transport.send(HTTPRequest(url: base + "/sleep?ms=1500", timeout: .milliseconds(200)))
                #expect(outcome == .failure(.timeout))
                #expect(clock.now - start < .milliseconds(1_200))
            }
        }
    }

    @Test func closedPortIsConnectionRefused() async throws {
        let port = ClosedPort.make()
        try await withCurlTransport { transport in
            let outcome = await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
            #expect(outcome == .failure(.connectionRefused))
        }
    }

    @Test func responseCutShortIsAFailure() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let outcome = await transport.send(HTTPRequest(url: base + "/broken"))
                guard case .failure(let failure) = outcome else {
                    Issue.record("expected a failure, got \(outcome)")
                    return
                }
                #expect(failure == .malformedResponse || failure == .connectionReset, "got \(failure)")
            }
        }
    }

    @Test func cancellingTheTaskResumesPromptly() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport { transport in
                let clock = ContinuousClock()
                let start = clock.now
                let outcome = await withTaskGroup(of: TransportOutcome?.self) { group in
                    group.addTask { await transport.send(HTTPRequest(url: base + "/sleep?ms=1500")) }
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(100))
                        return nil
                    }
                    _ = await group.next()
                    group.cancelAll()
                    return await group.reduce(into: TransportOutcome?.none) { $0 = $0 ?? $1 }
                }
                #expect(outcome == .failure(.cancelled))
                #expect(clock.now - start < .milliseconds(1_000))

                // The loop goes on serving after a cancellation.
                let after = try await transport.send(HTTPRequest(url: base + "/hello")).get()
                #expect(after.status == 200)
            }
        }
    }

    @Test func alreadyCancelledTaskFailsAtOnce() async throws {
        try await withCurlTransport { transport in
            let outcome = await withTaskGroup(of: TransportOutcome.self) { group in
                group.cancelAll()
                group.addTask { await transport.send(HTTPRequest(url: "http://127.0.0.1:9/")) }
                return await group.next()!
            }
            #expect(outcome == .failure(.cancelled))
        }
    }

    @Test func shutdownFailsPendingRequests() async throws {
        try await TestServer.withServer { base in
            let transport = try CurlTransport()
            let outcome = await withTaskGroup(of: TransportOutcome?.self) { group in
                group.addTask { await transport.send(HTTPRequest(url: base + "/sleep?ms=1500")) }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(100))
                    await transport.shutdown()
                    return nil
                }
                return await group.reduce(into: TransportOutcome?.none) { $0 = $0 ?? $1 }
            }
            #expect(outcome == .failure(.cancelled))
            #expect(await transport.send(HTTPRequest(url: base + "/hello")) == .failure(.cancelled))
            await transport.shutdown()
        }
    }

    @Test func tasksOnTheLoopExecutorsSendRequests() async throws {
        try await TestServer.withServer { base in
            try await withCurlTransport(configuration: TransportConfiguration(threads: 2)) { transport in
                let executors = transport.taskExecutors
                #expect(executors.count == 2)
                let succeeded = await withTaskGroup(of: Int.self, returning: Int.self) { group in
                    for slot in 0..<20 {
                        group.addTask(executorPreference: executors[slot % executors.count]) {
                            var succeeded = 0
                            for _ in 0..<5 {
                                if case .success(let response) = await transport.send(HTTPRequest(url: base + "/hello")),
                                    response.status == 200
                                {
                                    succeeded += 1
                                }
                            }
                            return succeeded
                        }
                    }
                    return await group.reduce(0, +)
                }
                #expect(succeeded == 100)
            }
        }
    }

    @Test func shutdownReleasesTasksWaitingOnALoopExecutor() async throws {
        try await TestServer.withServer { base in
            let transport = try CurlTransport()
            let outcome = await withTaskGroup(of: TransportOutcome?.self) { group in
                group.addTask(executorPreference: transport.taskExecutors[0]) {
                    await transport.send(HTTPRequest(url: base + "/sleep?ms=1500"))
                }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(100))
                    await transport.shutdown()
                    return nil
                }
                return await group.reduce(into: TransportOutcome?.none) { $0 = $0 ?? $1 }
            }
            #expect(outcome == .failure(.cancelled))

            // A task that prefers the stopped loop still runs, on the global executor.
            let late = await withTaskGroup(of: TransportOutcome.self) { group in
                group.addTask(executorPreference: transport.taskExecutors[0]) {
                    await transport.send(HTTPRequest(url: base + "/hello"))
                }
                return await group.next()!
            }
            #expect(late == .failure(.cancelled))
        }
    }

    @Test func invalidConfigurationIsRejected() {
        #expect(throws: TransportSetupError.self) { try CurlTransport(configuration: TransportConfiguration(threads: 0)) }
        #expect(throws: TransportSetupError.self) {
            try CurlTransport(configuration: TransportConfiguration(maxConnections: 1, threads: 2))
        }
        #expect(throws: TransportSetupError.self) { try CurlTransport(configuration: TransportConfiguration(timeout: .zero)) }
    }
}
