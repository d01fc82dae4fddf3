import Testing
@testable import PollsterPlan

/// `--vary` values: lists, linear and log ranges, and their errors.
@Suite struct ParameterValuesTests {
    func texts(_ text: String) throws -> [String] { try ParameterValues.parse(text).map(\.text) }

    @Test func listsKeepTheirTextsAndNumbers() throws {
        let values = try ParameterValues.parse("1s, 2s,4s")
        #expect(values.map(\.text) == ["1s", "2s", "4s"])
        #expect(values.map(\.number) == [1, 2, 4])
        #expect(values.allSatisfy { $0.kind == .duration })
        #expect(try texts("none,full,equal") == ["none", "full", "equal"])
        #expect(try ParameterValues.parse("none,full").allSatisfy { $0.kind == .text && $0.number == nil })
        #expect(try ParameterValues.parse("20/s,5/m").map(\.number) == [20, 5.0 / 60])
    }

    @Test func linearRangeOfNumbers() throws {
        #expect(try texts("1.2..3.0/8") == ["1.2", "1.45714", "1.71429", "1.97143", "2.22857", "2.48571", "2.74286", "3"])
        #expect(try texts("5..25/5") == ["5", "10", "15", "20", "25"])
        // Whole-number ends give whole values, without repeats.
        #expect(try texts("1..3/5") == ["1", "2", "3"])
    }

    @Test func logRangeOfRatesKeepsTheUnit() throws {
        let values = try ParameterValues.parse("10/s..1000/s/log7")
        #expect(values.map(\.text) == ["10/s", "21.5443/s", "46.4159/s", "100/s", "215.443/s", "464.159/s", "1000/s"])
        #expect(values.allSatisfy { $0.kind == .rate })
        #expect(try texts("60/m..240/m/3") == ["60/m", "150/m", "240/m"])
    }

    @Test func durationRangesUseReadableUnits() throws {
        #expect(try texts("250ms..2s/3") == ["250ms", "1.125s", "2s"])
        #expect(try texts("100ms..10s/log3") == ["100ms", "1s", "10s"])
    }

    @Test(arguments: [
        ("1..3", "range"),
        ("1..3/x", "not a number of points"),
        ("1/s..5/s", "missing the number of points; write 1/s..5/s/N or 1/s..5/s/logN"),
        ("1..3/1", "at least 2 points"),
        ("1s..3/4", "a duration and a number"),
        ("0..10/log3", "ends above 0"),
        ("fast..slow/3", "durations"),
        ("1s,,2s", "empty item"),
        ("", "no values"),
    ])
    func clearErrors(text: String, fragment: String) {
        #expect(throws: PlanError.self) { try ParameterValues.parse(text) }
        do {
            _ = try ParameterValues.parse(text)
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func axisArgumentSplitsPathAndValues() throws {
        let axis = try SweepAxis(argument: "server.rateLimits[0].rate=2/s..8/s/3")
        #expect(axis.path.description == "server.rateLimits[0].rate")
        #expect(axis.path.segments == [.key("server"), .key("rateLimits"), .index(0), .key("rate")])
        #expect(axis.values.map(\.text) == ["2/s", "5/s", "8/s"])
        #expect(axis.unit == "/s")
        #expect(throws: PlanError.self) { try SweepAxis(argument: "workload.arrival.rate") }
    }
}
