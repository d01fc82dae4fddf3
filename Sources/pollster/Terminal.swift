#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process is connected to, and writing to stderr.
private let systemWrite = write

enum Terminal {
    /// True when stderr is a terminal (progress lines go there).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
    /// True when stdout is a terminal (colour and tables for people; plain when piped).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour only on a terminal and when NO_COLOR is not set.
    static var stdoutWantsColour: Bool { stdoutIsTerminal && getenv("NO_COLOR") == nil }

    /// Writes a line (or a partial line) to stderr, unbuffered.
    static func error(_ text: String, newline: Bool = true) {
        write(newline ? text + "\n" : text, to: STDERR_FILENO)
    }

    /// Says on stderr which files a command wrote, in one line: "wrote DIR/: a, b, c" when
    /// they share a folder, else every path.
    static func wrote(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        let folders = Set(paths.map { path in path.lastIndex(of: "/").map { String(path[...$0]) } ?? "" })
        if folders.count == 1, let folder = folders.first, !folder.isEmpty {
            error("wrote \(folder): " + paths.map { String($0.dropFirst(folder.count)) }.joined(separator: ", "))
        } else {
            error("wrote " + paths.joined(separator: ", "))
        }
    }

    /// Writes machine or table output to stdout, unbuffered, so that it never interleaves
    /// out of order with messages on stderr.
    static func output(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
