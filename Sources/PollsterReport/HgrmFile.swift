import PollsterCore

/// HdrHistogram's percentile-distribution text (`.hgrm`, what `outputPercentileDistribution`
/// prints and HdrHistogram's plotter reads): a strategy's latency or detection lag, in
/// milliseconds (microsecond histograms, output value unit ratio 1000), 5 ticks per half
/// distance. Written when a scenario's `report.formats` lists `hgrm`.
public enum HgrmFile {
    /// The measures written, as (file name prefix, histogram).
    static var measures: [(prefix: String, histogram: KeyPath<StrategyMetrics, MetricHistogram>)] {
        [("latency", \.latency), ("lag", \.detectionLag)]
    }

    /// The text for `histogram`.
    public static func render(_ histogram: MetricHistogram) -> String {
        var text = ""
        histogram.histogram.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1000)
        return text
    }

    /// `latency-STRATEGY.hgrm` and `lag-STRATEGY.hgrm` for every strategy whose histogram
    /// holds values (nothing detected: no lag file), in run order.
    public static func files(_ result: RunResult) -> [(name: String, text: String)] {
        let names = fileNames(result.strategies.map(\.name))
        var files: [(name: String, text: String)] = []
        for (strategy, name) in zip(result.strategies, names) {
            for measure in measures {
                let histogram = strategy.metrics[keyPath: measure.histogram]
                guard !histogram.isEmpty else { continue }
                files.append(("\(measure.prefix)-\(name).hgrm", render(histogram)))
            }
        }
        return files
    }

    /// Each strategy's name as a file name part: letters, digits, `.`, `-` and `_` kept,
    /// anything else `_`; a name that would repeat an earlier one gets `-2`, `-3`, ...
    static func fileNames(_ strategies: [String]) -> [String] {
        var used: Set<String> = []
        return strategies.map { strategy in
            let safe = String(strategy.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
            var name = safe.isEmpty || safe.hasPrefix(".") ? "_" + safe : safe
            var suffix = 2
            while used.contains(name) {
                name = "\(safe)-\(suffix)"
                suffix += 1
            }
            used.insert(name)
            return name
        }
    }
}
