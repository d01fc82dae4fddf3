import Foundation
import Testing

/// deploy/kubernetes as pollster sees it: the shard Job's and the merge Job's own command
/// lines, run here with the completion index and the mounts substituted, produce the
/// report of the whole run. (scripts/validate-kubernetes.sh, run by CI, checks the
/// manifests against the Kubernetes schemas.)
@Suite struct KubernetesJobTests {
    /// The shell command of the first container's `args` in `manifest`.
    static func command(_ manifest: String) throws -> String {
        let text = try String(contentsOf: CommandLineTests.root.appendingPathComponent("deploy/kubernetes/\(manifest)"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "args:" })
        var parts: [String] = []
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(":") || trimmed.hasPrefix("resources:") { break }
            if trimmed == "- >-" { continue }
            parts.append(trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        return parts.joined(separator: " ")
    }

    @Test func theJobsCommandsShardAndMergeTheScenario() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let binary = CommandLineTests.executable.deletingLastPathComponent().path
        let shard = try Self.command("shard-job.yaml")
        #expect(shard.contains("--shard \"$JOB_COMPLETION_INDEX/3\""), "\(shard)")
        let merge = try Self.command("merge-job.yaml")
        func local(_ command: String) -> String {
            command.replacingOccurrences(of: "/scenario/", with: CommandLineTests.root.path + "/deploy/kubernetes/")
                .replacingOccurrences(of: "/results/", with: dir + "/")
        }
        for index in 0..<3 {
            let status = Self.shell(local(shard), environment: ["JOB_COMPLETION_INDEX": String(index), "PATH": binary + ":/usr/bin:/bin"])
            #expect(status == 0, "shard \(index): \(local(shard))")
        }
        #expect(Self.shell(local(merge), environment: ["PATH": binary + ":/usr/bin:/bin"]) == 0, "\(local(merge))")
        let summary = try String(contentsOfFile: dir + "/merged/summary.csv", encoding: .utf8)
        #expect(summary.split(separator: "\r\n").count == 4, "a header and the scenario's three strategies")
        #expect(summary.contains(",60000,0,false,finished"), "every planned execution, merged: \(summary.prefix(400))")
    }

    static func shell(_ command: String, environment: [String: String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        process.currentDirectoryURL = CommandLineTests.root
        process.standardOutput = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
