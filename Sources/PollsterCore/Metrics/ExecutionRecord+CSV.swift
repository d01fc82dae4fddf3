extension ExecutionRecord {
    /// executions.csv's columns (see docs/reports.md): times in seconds of scenario time
    /// since the run began, lag in milliseconds, empty when the outcome was not detected.
    public static let csvColumns = [
        "strategy", "execution", "outcome", "end", "created_s", "finished_s", "detected_s",
        "detection_lag_ms", "polls", "requests_429", "partial",
    ]

    /// The row's fields before `partial` (known only when the run is over).
    public var csvFields: [String] {
        let seconds = { (time: Nanoseconds) in DecimalFormat.seconds(fromNanos: time, digits: 6) }
        return [
            strategy,
            String(index),
            outcome.rawValue,
            end.rawValue,
            seconds(created),
            seconds(finished),
            detected.map(seconds) ?? "",
            detected.map { DecimalFormat.milliseconds(fromNanos: $0 - finished, digits: 3) } ?? "",
            String(polls),
            String(responses429),
        ]
    }
}
