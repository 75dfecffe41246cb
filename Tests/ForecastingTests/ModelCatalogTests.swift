import XCTest

@testable import Forecasting

final class ModelCatalogTests: XCTestCase {
    /// The table and the models agree: each name makes a model that calls itself by that name.
    func testEveryNameMakesTheModelOfThatName() throws {
        for entry in ModelCatalog.entries {
            XCTAssertEqual(try ModelCatalog.model(named: entry.name).name, entry.name)
            XCTAssertEqual(try ModelCatalog.model(named: entry.name.uppercased()).name, entry.name)
            XCTAssertFalse(entry.summary.isEmpty, entry.name)
        }
        XCTAssertEqual(Set(ModelCatalog.names).count, ModelCatalog.entries.count)
    }

    func testWeeklyAveragesOfAnyLengthButNoLeadingZero() throws {
        XCTAssertEqual(try ModelCatalog.model(named: "wavg4").name, "wavg4")
        XCTAssertEqual(try ModelCatalog.model(named: "wavg52").name, "wavg52")
        for name in ["wavg0", "wavg53", "wavg06", "wavg", "wavg-1", "wavg+4", "seasonal-naive", "auto"] {
            XCTAssertThrowsError(try ModelCatalog.model(named: name), name)
        }
    }

    func testAutoIsTheBacktestsChoiceInAnyCase() {
        XCTAssertTrue(ModelCatalog.isAuto("auto"))
        XCTAssertTrue(ModelCatalog.isAuto("AUTO"))
        XCTAssertFalse(ModelCatalog.isAuto("regression"))
    }

    /// The regression is the steadiest single model; models that copy single weeks the least.
    func testStabilityRanksTheRegressionFirstAndTheNaiveLast() {
        XCTAssertEqual(ModelCatalog.stability(of: "regression"), 5)
        XCTAssertGreaterThan(ModelCatalog.stability(of: "wavg4"), ModelCatalog.stability(of: "wavg3"))
        XCTAssertEqual(ModelCatalog.stability(of: "wavg6"), ModelCatalog.stability(of: "topdown"))
        XCTAssertEqual(ModelCatalog.stability(of: "snaive"), 0)
        XCTAssertEqual(ModelCatalog.stability(of: "unknown"), 0)
    }
}
