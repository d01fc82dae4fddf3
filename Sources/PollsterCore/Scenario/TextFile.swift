#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole text files (scenarios and the CSVs they reference) with the C library, so
/// that an unreadable file yields the system's own short reason ("No such file or directory").
enum TextFile {
    /// Why a file could not be read, in the system's words.
    struct ReadError: Error {
        var reason: String
    }

    /// The file's contents as UTF-8 text (invalid bytes become U+FFFD).
    static func read(_ path: String) throws(ReadError) -> String {
        guard let handle = fopen(path, "rb") else { throw ReadError(reason: currentReason()) }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            bytes.append(contentsOf: buffer[0..<count])
            if count < buffer.count {
                if ferror(handle) != 0 { throw ReadError(reason: currentReason()) }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func currentReason() -> String {
        String(cString: strerror(errno))
    }

    /// The directory part of `path` (`.` when it has none), to resolve relative references.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The file name of `path` without its extension: `scenarios/x.yaml` -> `x`.
    static func baseName(of path: String) -> String {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `path` relative to `directory`, unless it is absolute.
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
