import Queueing
import XCTest

@testable import Planning

/// One validation for flags and config entries; only the naming of the setting differs.
final class ChannelSettingsTests: XCTestCase {
    func testEveryEngineParameterOfATargetMapsToASetting() {
        for parameter in [
            QueueingParameter.serviceLevel, .targetSeconds, .asaSeconds, .maxOccupancy, .shrinkage,
            .patienceSeconds, .maxAbandonRate, .ahtSeconds, .concurrency, .deadlineSeconds,
        ] {
            XCTAssertNotNil(ChannelSetting(parameter), "\(parameter)")
        }
        XCTAssertEqual(ChannelSetting(.patienceSeconds)?.configKey, "patience")
        XCTAssertEqual(ChannelSetting(.patienceSeconds)?.flag, "patience")
        XCTAssertEqual(ChannelSetting(.maxAbandonRate)?.flag, "max-abandon")
        XCTAssertEqual(ChannelSetting(.serviceLevel)?.flag, "sl")
        XCTAssertNil(ChannelSetting(.replications))
    }

    func testTheSameMistakeNamedForEachAudience() {
        let settings = ChannelSettings(ahtSeconds: 300, serviceLevel: "80/20", maxAbandonRate: 0.05)
        for (naming, words) in [(ChannelSetting.Naming.config, #"needs "patience""#), (.flags, "needs --patience")] {
            XCTAssertThrowsError(try settings.policy(naming: naming)) { error in
                guard let error = error as? ChannelSettingError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.setting, .maxAbandonRate)
                XCTAssertTrue(error.message.contains(words), error.message)
            }
        }
        // The engine's own checks come back as the setting: shrinkage 1 is refused by Queueing.
        XCTAssertThrowsError(
            try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/20", shrinkage: 1).policy(naming: .flags)
        ) { error in
            XCTAssertEqual((error as? ChannelSettingError)?.setting, .shrinkage)
        }
    }

    /// Evaluating a given staff (`erlang --agents`) needs no target; staffing does.
    func testTargetOnlyRequiredForStaffing() throws {
        let settings = ChannelSettings(ahtSeconds: 300, shrinkage: 0.3)
        XCTAssertThrowsError(try settings.policy(naming: .flags))
        let policy = try settings.policy(naming: .flags, requiresTarget: false)
        XCTAssertNil(policy.target.serviceLevel)
        XCTAssertEqual(policy.target.shrinkage, 0.3)
        XCTAssertThrowsError(
            try ChannelSettings(ahtSeconds: 300, shrinkage: 2).policy(naming: .flags, requiresTarget: false))
    }

    /// Issue 22: a measured average concurrency (2.5) is a rate; whole numbers keep the chat model.
    func testFractionalConcurrencyIsAnAverage() throws {
        let average = try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/60", concurrency: 2.5)
            .policy(naming: .config)
        XCTAssertEqual(average.kind, .chatAverage(concurrency: 2.5))
        let whole = try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/60", concurrency: 3).policy(naming: .config)
        XCTAssertEqual(whole.kind, .chat(concurrency: 3, ahtByConcurrency: nil))
        XCTAssertThrowsError(
            try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/60", concurrency: 2.5, ahtByConcurrency: [300, 360])
                .policy(naming: .config)
        ) { error in
            XCTAssertEqual((error as? ChannelSettingError)?.setting, .ahtByConcurrency)
        }
        for bad in [0.5, 100.5, Double.nan] {
            XCTAssertThrowsError(
                try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/60", concurrency: bad).policy(naming: .flags)
            ) { error in
                XCTAssertEqual((error as? ChannelSettingError)?.setting, .concurrency)
            }
        }
        XCTAssertThrowsError(
            try ChannelSettings(ahtSeconds: 300, serviceLevel: "80/60", patience: 60, concurrency: 2.5)
                .policy(naming: .config)
        ) { error in
            XCTAssertEqual((error as? ChannelSettingError)?.setting, .patience)
        }
    }
}
