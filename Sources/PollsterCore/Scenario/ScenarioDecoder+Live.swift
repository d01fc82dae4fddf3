import Yams

extension ScenarioDecoder {
    static let liveKeys = ["executionIds", "createPath", "createBody", "maxRequestRate"]

    /// The `live` section: `executionIds: FILE` or `createPath: PATH` (with an optional
    /// `createBody`), and `maxRequestRate`.
    mutating func liveSettings(_ node: Node, at path: String, line: Int?, baseDirectory: String) -> LiveSettings? {
        guard let fields = mapping(node, at: path, line: line, expected: "a mapping with keys " + Self.liveKeys.joined(separator: ", ")) else {
            return nil
        }
        checkKeys(fields, allowed: Self.liveKeys)
        var settings = LiveSettings()
        var valid = true
        if fields.has("executionIds") && fields.has("createPath") {
            report(fields.path("createPath"), line: fields.line(of: "createPath"), "give either executionIds or createPath, not both")
            valid = false
        }
        if fields.has("executionIds"), let file = string(fields, "executionIds", expected: "a file with one execution id per line") {
            do {
                let text = try TextFile.read(TextFile.resolve(file, relativeTo: baseDirectory))
                let ids = text.split(whereSeparator: \.isNewline)
                    .map { String($0).trimmingCharacters(in: " \t") }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                if ids.isEmpty {
                    report(fields.path("executionIds"), line: fields.line(of: "executionIds"), "\(file) holds no execution ids; expected one per line")
                    valid = false
                } else {
                    settings.executions = .ids(ids, file: file)
                }
            } catch {
                report(fields.path("executionIds"), line: fields.line(of: "executionIds"), "cannot read \(file): \(error.reason)")
                valid = false
            }
        }
        if fields.has("createPath"), let createPath = string(fields, "createPath", expected: "a path such as /v1/flows/flow_1/executions") {
            if createPath.hasPrefix("/") {
                let body = fields.has("createBody") ? string(fields, "createBody", expected: "a JSON text") ?? "{}" : "{}"
                settings.executions = .create(path: createPath, body: body)
            } else {
                report(fields.path("createPath"), line: fields.line(of: "createPath"), "expected a path starting with /, such as /v1/flows/flow_1/executions, got \(createPath)")
                valid = false
            }
        } else if fields.has("createBody") {
            report(fields.path("createBody"), line: fields.line(of: "createBody"), "only applies with createPath")
            valid = false
        }
        if fields.has("maxRequestRate") {
            settings.maxRequestRate = rate(fields, "maxRequestRate")
            if settings.maxRequestRate == nil { valid = false }
        }
        return valid ? settings : nil
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
