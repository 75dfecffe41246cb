import TestSupport
import XCTest

/// The reference tables of ../shared/reference (50-digit mpmath values, see its README), copied
/// into Fixtures/. Loaded once per test run.
enum ReferenceTables {
    static func load(_ name: String) throws -> [ReferenceRow] {
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"),
            "missing fixture \(name).csv")
        return try loadFixtureTable(url).map(ReferenceRow.init)
    }

    static func erlangC() throws -> [ReferenceRow] { try load("erlang_c_cases") }
    static func requiredAgents() throws -> [ReferenceRow] { try load("required_agents_cases") }
    static func erlangA() throws -> [ReferenceRow] { try load("erlang_a_cases") }
}

/// One fixture row with typed access that fails the test (rather than trapping) on a bad cell.
struct ReferenceRow {
    let fields: [String: String]

    var caseID: String { fields["case_id"] ?? "?" }

    func double(_ column: String) throws -> Double {
        try XCTUnwrap(referenceDouble(fields[column]), "\(caseID): no number in column \(column)")
    }

    func optionalDouble(_ column: String) -> Double? { referenceDouble(fields[column]) }

    func int(_ column: String) throws -> Int {
        try XCTUnwrap(fields[column].flatMap { Int($0) }, "\(caseID): no integer in column \(column)")
    }
}
