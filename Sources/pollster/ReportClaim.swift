import Synchronization

/// Who writes a live run's report: the run, once it has ended, or a second Ctrl-C, which
/// writes what was measured so far and quits. The first to claim writes; the other leaves
/// the report to it, so two writers never mix their files in one folder.
final class ReportClaim: Sendable {
    enum Writer: Sendable { case run, quit }

    private let writer = Mutex<Writer?>(nil)

    /// True when `who` may write the report (nobody claimed it before).
    func claim(_ who: Writer) -> Bool {
        writer.withLock { writer in
            guard writer == nil else { return false }
            writer = who
            return true
        }
    }
}
