/// The version of pollster, as `pollster --version` prints it.
public enum PollsterVersion {
    public static let current = "0.1.0"
}
