import PollsterCore
import PollsterLive
import PollsterLiveRunner
import PollsterSim

/// `timeScale: auto`: measures this machine, simulates the scenario's demand, and asks
/// ``TimeScaleAdvisor`` for the fastest time scale the machine keeps up with.
enum AutoTimeScale {
    /// The advice for `scenario` on this machine, with the transport the run will use;
    /// throws `CancellationError` when cancelled (Ctrl-C).
    static func advise(_ scenario: Scenario, transport: TransportConfiguration) async throws -> TimeScaleAdvisor.Advice {
        // Calibrate first, on a quiet machine; the simulation comes after.
        let capacity = try await CapacityCalibration.measure(transport: transport)
        try Task.checkCancellation()
        let demand = await RequestDemand.simulate(scenario)
        try Task.checkCancellation()
        let advisor = TimeScaleAdvisor(
            demand: demand.requests, bucket: demand.bucket, capacity: capacity, latencyP99: scenario.server.latency.p99)
        return advisor.advise()
    }
}
