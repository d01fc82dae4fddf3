import Foundation
import PollsterCore

/// results.json: the whole ``RunResult``, encoded with sorted keys so that the same run
/// gives the same bytes; decoding it back gives an equal result (reports re-render from it).
public enum ResultsJSON {
    public static func encode(_ result: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(result)
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws -> RunResult {
        try JSONDecoder().decode(RunResult.self, from: data)
    }
}
