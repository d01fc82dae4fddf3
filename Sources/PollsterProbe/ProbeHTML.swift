import Foundation

/// probe.html: the probe's timeline as one self-contained page (inline SVG, no script):
/// a mark per request at the time it was sent, accepted ones high and green, rejected
/// ones low and red, other statuses grey, with the report's text below.
public enum ProbeHTML {
    public static func page(_ report: ProbeReport) -> String {
        let requests = report.outcome.timeline.requests
        let width = 960.0
        let height = 180.0
        let left = 40.0
        let duration = Swift.max(report.outcome.timeline.duration, 0.001)
        func x(_ seconds: Double) -> Double { left + (width - left - 10) * seconds / duration }
        var marks = ""
        for request in requests {
            let colour = request.isAccepted ? "#2a7" : request.isRejected ? "#c33" : "#888"
            let y = request.isAccepted ? 30.0 : request.isRejected ? 100.0 : 65.0
            let title = "#\(request.index + 1) \(request.phase) at \(LimiterHypothesis.number(request.sentAt)) s: \(request.status)"
            marks += "<line x1=\"\(fmt(x(request.sentAt)))\" x2=\"\(fmt(x(request.sentAt)))\" y1=\"\(fmt(y))\" y2=\"\(fmt(y + 40))\" stroke=\"\(colour)\" stroke-width=\"1.5\"><title>\(escape(title))</title></line>\n"
        }
        var ticks = ""
        let step = niceStep(duration / 8)
        var tick = 0.0
        while tick <= duration + 1e-9 {
            ticks += "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(height - 8))\" font-size=\"11\" text-anchor=\"middle\">\(LimiterHypothesis.number(tick)) s</text>\n"
            tick += step
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>pollster probe</title>
        <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px}pre{background:#f6f6f6;padding:1em;overflow-x:auto}</style>
        </head><body>
        <h1>Probe of \(escape(report.target))</h1>
        <p>\(escape(report.inference.best.map { "\($0.hypothesis.summary), confidence \(Int((report.inference.confidence * 100).rounded()))%" } ?? "No limit reached."))</p>
        <svg width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="requests over time">
        <text x="0" y="55" font-size="11">2xx</text><text x="0" y="125" font-size="11">\(report.rejectionStatus ?? 429)</text>
        \(marks)\(ticks)</svg>
        <pre>\(escape(report.text))</pre>
        </body></html>

        """
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func niceStep(_ raw: Double) -> Double {
        let candidates = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600]
        return candidates.first { $0 >= raw } ?? 3600
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

