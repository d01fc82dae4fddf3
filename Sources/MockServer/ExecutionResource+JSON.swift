extension ExecutionResource {
    /// The resource as compact JSON, the same document `JSONEncoder` would produce (keys in
    /// the documented order, absent fields omitted), written without an encoder because
    /// it is rendered on every poll.
    func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 384)
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("flowId")
        writer.string(flowId)
        writer.key("version")
        writer.string(version)
        writer.key("status")
        writer.string(status.rawValue)
        if let progress {
            writer.key("progress")
            writer.beginObject()
            writer.key("step")
            writer.string(progress.step)
            writer.key("percentage")
            writer.number(progress.percentage)
            writer.endObject()
        }
        writer.key("createdAt")
        writer.string(createdAt)
        if let completedAt {
            writer.key("completedAt")
            writer.string(completedAt)
        }
        if let output {
            writer.key("output")
            writer.object(output)
        }
        if let error {
            writer.key("error")
            writer.beginObject()
            writer.key("code")
            writer.string(error.code)
            writer.key("message")
            writer.string(error.message)
            writer.key("step")
            writer.string(error.step)
            writer.endObject()
        }
        if let metrics {
            writer.key("metrics")
            writer.beginObject()
            writer.key("queueMs")
            writer.number(metrics.queueMs)
            writer.key("runMs")
            writer.number(metrics.runMs)
            writer.key("stepsCompleted")
            writer.integer(metrics.stepsCompleted)
            writer.key("stepsTotal")
            writer.integer(metrics.stepsTotal)
            writer.endObject()
        }
        if let artifacts {
            writer.key("artifacts")
            writer.beginObject()
            for step in artifacts.keys.sorted() {
                let artifact = artifacts[step]!
                writer.key(step)
                writer.beginObject()
                writer.key("uri")
                writer.string(artifact.uri)
                writer.key("sizeBytes")
                writer.integer(artifact.sizeBytes)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.key("metadata")
        writer.object(metadata)
        writer.endObject()
        return writer.bytes
    }
}
