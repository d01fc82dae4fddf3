/// The steps every mocked flow runs through, in order. Progress moves through them
/// evenly: at `p` percent the flow is in step `floor(p / 100 * count)`.
enum FlowSteps {
    static let names = ["validate-input", "fetch-data", "transform", "publish"]

    /// How many steps are finished at `fraction` (0...1) of the run.
    static func completed(atFraction fraction: Double) -> Int {
        max(0, min(names.count, Int(fraction * Double(names.count))))
    }

    /// The step being run at `fraction` (0..<1) of the run.
    static func current(atFraction fraction: Double) -> String {
        names[min(names.count - 1, completed(atFraction: fraction))]
    }
}
