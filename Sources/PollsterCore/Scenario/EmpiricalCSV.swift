/// Reads the samples of an `empirical` distribution: a CSV of durations in seconds, one
/// per line, with an optional header line; blank lines and `#` comments are skipped.
enum EmpiricalCSV {
    /// A line of the file that is not a valid sample.
    struct LineProblem: Equatable {
        var line: Int
        var message: String
    }

    /// The samples in file order, and every line that could not be read.
    static func parse(_ text: String) -> (samples: [Nanoseconds], problems: [LineProblem]) {
        var samples: [Nanoseconds] = []
        var problems: [LineProblem] = []
        var sawContent = false
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = String(rawLine).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let isFirst = !sawContent
            sawContent = true
            if isFirst, Double(line) == nil, !line.first!.isASCIIDigit, line.first != "-", line.first != "." {
                continue  // a header such as `duration_s`
            }
            if line.contains(",") || line.contains(";") || line.contains("\t") {
                problems.append(LineProblem(line: lineNumber, message: "expected one value per line (seconds), got \(DurationParser.quoted(line))"))
                continue
            }
            guard let seconds = Double(line), seconds.isFinite else {
                problems.append(LineProblem(line: lineNumber, message: "expected a number of seconds, got \(DurationParser.quoted(line))"))
                continue
            }
            guard seconds >= 0 else {
                problems.append(LineProblem(line: lineNumber, message: "a duration cannot be negative, got \(line)"))
                continue
            }
            samples.append(Time.seconds(seconds))
        }
        return (samples, problems)
    }
}
