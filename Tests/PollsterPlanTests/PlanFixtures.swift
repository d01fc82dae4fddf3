import PollsterPlan

/// Small scenarios for the planning tests, as templates.
enum PlanFixtures {
    /// `yaml` as a template named `t.yaml`.
    static func template(_ yaml: String) throws -> ScenarioTemplate {
        try ScenarioTemplate(yaml: yaml, file: "t.yaml", baseDirectory: ".")
    }

    /// Three strategies, two rate limits: paths of every kind to override.
    static let mixed = """
        name: mixed
        workload:
          executions: 40
          arrival: { kind: poisson, rate: 2/s }
          duration: { kind: uniform, min: 5s, max: 20s }
        server:
          latency: 50ms
          rateLimits:
            - { scope: apiKey, algorithm: tokenBucket, rate: 5/s, burst: 10 }
            - { scope: global, algorithm: fixedWindow, limit: 100, window: 1m }
        strategies:
          - { name: fixed-2s, kind: fixed, interval: 2s }
          - { name: expo, kind: exponential, initial: 1s, multiplier: 2, max: 30s }
          - { name: docs, kind: recommended }
        """
}
