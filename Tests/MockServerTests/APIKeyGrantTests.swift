@testable import MockServer
import Testing

/// Key lists from `--keys-file` and `POLLSTER_MOCK_KEYS`.
struct APIKeyGrantTests {
    @Test func parsesLinesWithCommentsAndBlanks() throws {
        let text = """
            # keys for the team
            alpha executions:read,executions:write

            beta\texecutions:read
            """
        let grants = try APIKeyGrant.parse(text, separator: "\n", source: "keys.txt")
        #expect(grants == [
            APIKeyGrant(key: "alpha", scopes: [.executionsRead, .executionsWrite], index: 0),
            APIKeyGrant(key: "beta", scopes: [.executionsRead], index: 1),
        ])
    }

    @Test func parsesTheEnvironmentForm() throws {
        let grants = try APIKeyGrant.parse("a executions:read; b executions:write;", separator: ";", source: "POLLSTER_MOCK_KEYS")
        #expect(grants.map(\.key) == ["a", "b"])
        #expect(grants.map(\.index) == [0, 1])
    }

    @Test(arguments: [
        ("secret-one", "keys.txt:1: expected `KEY scope1,scope2` (scopes: executions:read, executions:write)"),
        ("secret-one executions:admin", "keys.txt:1: unknown scope 'executions:admin' (allowed: executions:read, executions:write)"),
        ("secret-one executions:read\nsecret-one executions:read", "keys.txt:2: the same key appears twice (\(APIKeyGrant.fingerprint(of: "secret-one")))"),
    ])
    func errorsNameTheLineButNotTheKey(_ text: String, _ message: String) {
        #expect(throws: APIKeyGrantError.self) { try APIKeyGrant.parse(text, separator: "\n", source: "keys.txt") }
        do {
            _ = try APIKeyGrant.parse(text, separator: "\n", source: "keys.txt")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("secret-one"))
        }
    }

    @Test func fingerprintsAreShortStableAndHideTheKey() {
        let grant = APIKeyGrant(key: "pk_live_abcdef", scopes: [.executionsRead], index: 2)
        #expect(grant.fingerprint == APIKeyGrant.fingerprint(of: "pk_live_abcdef"))
        #expect(grant.fingerprint.count == 12 && grant.fingerprint.hasPrefix("key:"))
        #expect(grant.fingerprint != APIKeyGrant.fingerprint(of: "pk_live_abcdeg"))
        #expect(!grant.description.contains("pk_live"))
        #expect(!String(describing: grant).contains("abcdef"))
    }
}
