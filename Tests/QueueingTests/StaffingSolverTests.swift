import TestSupport
import XCTest

@testable import Queueing

/// The solver against required_agents_cases.csv: `agents_for_sl`, `raw_agents` and
/// `scheduled_agents` reproduced exactly on every row, achieved measures to 1e-9.
final class StaffingSolverTests: XCTestCase {
    private func solve(_ row: ReferenceRow) throws -> Staffing {
        let target = StaffingTarget(
            serviceLevel: try row.double("sl_target"), targetSeconds: try row.double("target_seconds"),
            maxOccupancy: row.optionalDouble("max_occupancy"), shrinkage: try row.double("shrinkage"))
        return try StaffingSolver.solve(
            contacts: try row.double("arrivals_per_interval"),
            intervalSeconds: try row.double("interval_seconds"),
            ahtSeconds: try row.double("aht_seconds"), target: target)
    }

    func testAgentsForServiceLevelMatchEveryReferenceRow() throws {
        let rows = try ReferenceTables.requiredAgents()
        XCTAssertEqual(rows.count, 269, "fixture changed size")
        for row in rows {
            XCTAssertEqual(try solve(row).agentsBeforeOccupancyCap, try row.int("agents_for_sl"), row.caseID)
        }
    }

    func testRawAgentsWithOccupancyCapMatchEveryReferenceRow() throws {
        let rows = try ReferenceTables.requiredAgents()
        // The cap must actually bind somewhere, including the float trap 183.6 / 0.85 = 216.
        XCTAssertGreaterThan(try rows.filter { try $0.int("raw_agents") != $0.int("agents_for_sl") }.count, 50)
        for row in rows {
            XCTAssertEqual(try solve(row).agents, try row.int("raw_agents"), row.caseID)
        }
    }

    func testScheduledHeadcountMatchesEveryReferenceRow() throws {
        let rows = try ReferenceTables.requiredAgents()
        // Rows where naive float ceiling is wrong (raw 21 and 161 at 30 % shrinkage) must be present.
        XCTAssertGreaterThanOrEqual(
            try rows.filter { try $0.int("scheduled_agents") != $0.int("scheduled_agents_float_ceil") }.count, 2)
        for row in rows {
            XCTAssertEqual(try solve(row).headcount, try row.int("scheduled_agents"), row.caseID)
        }
    }

    func testAchievedMeasuresMatchEveryReferenceRow() throws {
        for row in try ReferenceTables.requiredAgents() {
            let staffing = try solve(row)
            assertClose(
                staffing.metrics.serviceLevel, try row.double("achieved_sl"), absolute: 1e-9,
                "\(row.caseID) achieved_sl")
            assertClose(
                staffing.metrics.occupancy, try row.double("achieved_occupancy"), absolute: 1e-9,
                "\(row.caseID) occupancy")
            assertClose(
                staffing.metrics.probWait, try row.double("prob_wait"), absolute: 1e-9, "\(row.caseID) prob_wait")
            assertClose(
                staffing.metrics.trafficErlangs, try row.double("traffic_erlangs"), relative: 1e-15,
                "\(row.caseID) traffic")
            XCTAssertEqual(staffing.metrics.agents, staffing.agents, row.caseID)
        }
    }

    /// One agent fewer than `agents_for_sl` misses the service level (or is unstable).
    func testReferenceAnswersAreMinimal() throws {
        for row in try ReferenceTables.requiredAgents() {
            let fewer = try row.int("agents_for_sl") - 1
            let m = ErlangC.metrics(
                contacts: try row.double("arrivals_per_interval"), intervalSeconds: try row.double("interval_seconds"),
                ahtSeconds: try row.double("aht_seconds"), agents: fewer,
                targetSeconds: try row.double("target_seconds"))
            XCTAssertLessThan(m.serviceLevel, try row.double("sl_target"), row.caseID)
        }
    }

    /// Seeded random intervals and targets: the answer meets every target and one agent fewer
    /// does not (metrics evaluated afresh by `ErlangC.metrics`, itself checked against the reference).
    func testAnswersMeetEveryTargetAndOneFewerDoesNot() throws {
        var generator = SeededGenerator(seed: 7_331)
        for _ in 0..<400 {
            let contacts = Double.random(in: 0.5...2_000, using: &generator)
            let aht = Double.random(in: 60...900, using: &generator)
            let interval = [900.0, 1800, 3600].randomElement(using: &generator)!
            let sl: Double? = Bool.random(using: &generator) ? Double.random(in: 0.5...0.95, using: &generator) : nil
            let asa: Double? =
                sl == nil || Bool.random(using: &generator) ? Double.random(in: 5...120, using: &generator) : nil
            let occupancy: Double? =
                Bool.random(using: &generator) ? Double.random(in: 0.7...0.95, using: &generator) : nil
            let seconds = Double.random(in: 0...60, using: &generator)
            let target = StaffingTarget(
                serviceLevel: sl, targetSeconds: seconds, maxASASeconds: asa, maxOccupancy: occupancy, shrinkage: 0.3)
            let staffing = try StaffingSolver.solve(
                contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, target: target)
            let context = "contacts \(contacts) interval \(interval) AHT \(aht) target \(target)"

            func meetsAll(_ agents: Int) -> Bool {
                let m = ErlangC.metrics(
                    contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, agents: agents,
                    targetSeconds: seconds)
                let stable = m.asaSeconds.isFinite
                return stable && (sl.map { m.serviceLevel >= $0 } ?? true) && (asa.map { m.asaSeconds <= $0 } ?? true)
                    && (occupancy.map { m.trafficErlangs / Double(agents) <= $0 } ?? true)
            }
            XCTAssertTrue(meetsAll(staffing.agents), context)
            XCTAssertFalse(meetsAll(staffing.agents - 1), context)
            let fresh = ErlangC.metrics(
                contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, agents: staffing.agents,
                targetSeconds: seconds)
            assertClose(staffing.metrics.serviceLevel, fresh.serviceLevel, absolute: 1e-12, context)
            assertClose(staffing.metrics.asaSeconds, fresh.asaSeconds, relative: 1e-12, context)
        }
    }

    // MARK: Exact ceilings and edges

    /// 85 contacts of 180 s in 900 s are exactly 17 Erlangs; at most 85 % occupancy needs exactly
    /// 17 / 0.85 = 20 agents (binary floating point says 20.000000000000004, i.e. 21).
    func testOccupancyFloorIsExact() throws {
        let target = StaffingTarget(serviceLevel: nil, targetSeconds: 0, maxOccupancy: 0.85)
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 85, intervalSeconds: 900, ahtSeconds: 180, target: target).agents, 20)
        // 459 · 360 / 900 = 183.6 Erlangs; 183.6 / 0.85 = 216 exactly.
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 459, intervalSeconds: 900, ahtSeconds: 360, target: target).agents, 216)
        // 119 · 270 / 1800 = 17.85 Erlangs; 17.85 / 0.85 = 21 exactly (binary: 21.000000000000004).
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 119, intervalSeconds: 1800, ahtSeconds: 270, target: target).agents, 21)
        // 221 · 180 / 900 = 44.2 Erlangs; 44.2 / 0.85 = 52 exactly (binary: 52.00000000000001).
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 221, intervalSeconds: 900, ahtSeconds: 180, target: target).agents, 52)
        // 0.7 · 180 / 7 = 18 Erlangs exactly (binary: 17.999999999999996): 18 agents are unstable, 19 the fewest.
        let capOnly = StaffingTarget(serviceLevel: nil, targetSeconds: 0, maxOccupancy: 1)
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 0.7, intervalSeconds: 7, ahtSeconds: 180, target: capOnly).agents, 19)
    }

    /// With only an occupancy cap p/100 the answer is ⌈contacts·AHT·100 / (interval·p)⌉, which
    /// integer division gives exactly.
    func testOccupancyFloorMatchesIntegerArithmetic() throws {
        for percent in [70, 75, 80, 85, 88, 90, 95] {
            let target = StaffingTarget(serviceLevel: nil, targetSeconds: 0, maxOccupancy: Double(percent) / 100)
            for contacts in stride(from: 1, through: 600, by: 7) {
                for aht in [120, 180, 270, 300, 420, 540] {
                    for interval in [900, 1800] {
                        let numerator = contacts * aht * 100
                        let denominator = interval * percent
                        let expected = (numerator + denominator - 1) / denominator
                        let staffing = try StaffingSolver.solve(
                            contacts: Double(contacts), intervalSeconds: Double(interval),
                            ahtSeconds: Double(aht), target: target)
                        XCTAssertEqual(
                            staffing.agents, expected,
                            "\(contacts) contacts, AHT \(aht), interval \(interval), cap \(percent) %")
                    }
                }
            }
        }
    }

    func testZeroContactsNeedNobody() throws {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3)
        let staffing = try StaffingSolver.solve(contacts: 0, intervalSeconds: 900, ahtSeconds: 300, target: target)
        XCTAssertEqual(staffing.agents, 0)
        XCTAssertEqual(staffing.headcount, 0)
        XCTAssertEqual(staffing.metrics.serviceLevel, 1)
        XCTAssertEqual(staffing.metrics.probWait, 0)
    }

    /// A trickle still needs one agent.
    func testTinyVolumeNeedsOneAgent() throws {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20)
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 1e-9, intervalSeconds: 900, ahtSeconds: 300, target: target).agents, 1)
        XCTAssertEqual(
            try StaffingSolver.solve(contacts: 1e-300, intervalSeconds: 900, ahtSeconds: 300, target: target).agents, 1)
    }

    /// Absurd volumes give an error naming the volume, quickly, never a trap or a hang.
    func testHugeVolumesThrowInsteadOfTrappingOrHanging() {
        let target = StaffingTarget(serviceLevel: 0.8, targetSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3)
        for contacts in [1e300, Double.greatestFiniteMagnitude, 1e12, 3e7] {
            XCTAssertThrowsError(
                try StaffingSolver.solve(contacts: contacts, intervalSeconds: 900, ahtSeconds: 300, target: target)
            ) { error in
                guard case .invalidParameter(let name, let message) = error as? QueueingError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(name, .contacts)
                XCTAssertTrue(message.contains("10000000"), message)
            }
        }
        // A tiny occupancy cap can push an ordinary volume past the limit too.
        let tinyCap = StaffingTarget(serviceLevel: nil, targetSeconds: 0, maxOccupancy: 1e-9)
        XCTAssertThrowsError(
            try StaffingSolver.solve(contacts: 100, intervalSeconds: 900, ahtSeconds: 300, target: tinyCap))
    }

    func testServiceLevelOfOneIsReachedWhereItRoundsToOne() throws {
        let target = StaffingTarget(serviceLevel: 1, targetSeconds: 20)
        let staffing = try StaffingSolver.solve(contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, target: target)
        XCTAssertEqual(staffing.metrics.serviceLevel, 1)
        XCTAssertLessThan(staffing.agents, 100)
    }

    func testASAOnlyTarget() throws {
        // R0001's inputs (A = 10): ASA at 14 agents is C·AHT/(N − A) = 0.17413…·180/4 = 7.836 s, at 13
        // it is 17.116 s (erlang_c_cases C00080), so an 8-second ASA target needs exactly 14.
        let target = StaffingTarget(serviceLevel: nil, targetSeconds: 0, maxASASeconds: 8)
        let staffing = try StaffingSolver.solve(contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, target: target)
        XCTAssertEqual(staffing.agents, 14)
        assertClose(staffing.metrics.asaSeconds, 0.174131933595049842644707 * 180 / 4, absolute: 1e-9)
    }

    // MARK: Validation

    func testInvalidInputsNameTheField() {
        let good = StaffingTarget(
            serviceLevel: 0.8, targetSeconds: 20, maxASASeconds: 30, maxOccupancy: 0.85, shrinkage: 0.3)
        func fieldName(contacts: Double = 100, interval: Double = 900, aht: Double = 300, target: StaffingTarget)
            -> String?
        {
            do {
                _ = try StaffingSolver.solve(
                    contacts: contacts, intervalSeconds: interval, ahtSeconds: aht, target: target)
                return nil
            } catch {
                guard case .invalidParameter(let name, _) = error else { return nil }
                return name.rawValue
            }
        }
        func with(_ change: (inout StaffingTarget) -> Void) -> StaffingTarget {
            var t = good
            change(&t)
            return t
        }

        XCTAssertNil(fieldName(target: good))
        XCTAssertEqual(fieldName(contacts: -1, target: good), "contacts")
        XCTAssertEqual(fieldName(contacts: .nan, target: good), "contacts")
        XCTAssertEqual(fieldName(contacts: .infinity, target: good), "contacts")
        XCTAssertEqual(fieldName(interval: 0, target: good), "interval_seconds")
        XCTAssertEqual(fieldName(interval: -900, target: good), "interval_seconds")
        XCTAssertEqual(fieldName(aht: 0, target: good), "aht_seconds")
        XCTAssertEqual(fieldName(aht: -5, target: good), "aht_seconds")
        XCTAssertEqual(fieldName(aht: .nan, target: good), "aht_seconds")
        XCTAssertEqual(fieldName(aht: .infinity, target: good), "aht_seconds")
        for bad in [0.0, -0.2, 1.0000001, 80, .nan, .infinity] {
            XCTAssertEqual(fieldName(target: with { $0.serviceLevel = bad }), "service_level", "\(bad)")
            XCTAssertEqual(fieldName(target: with { $0.maxOccupancy = bad }), "max_occupancy", "\(bad)")
        }
        for bad in [-1.0, .nan, .infinity] {
            XCTAssertEqual(fieldName(target: with { $0.targetSeconds = bad }), "target_seconds", "\(bad)")
        }
        for bad in [0.0, -3, .nan, .infinity] {
            XCTAssertEqual(fieldName(target: with { $0.maxASASeconds = bad }), "asa_seconds", "\(bad)")
        }
        for bad in [-0.1, 1, 1.5, 30, .nan, -.infinity] {
            XCTAssertEqual(fieldName(target: with { $0.shrinkage = bad }), "shrinkage", "\(bad)")
        }
        XCTAssertEqual(fieldName(target: StaffingTarget(serviceLevel: nil, targetSeconds: 20)), "service_level")
        XCTAssertEqual(fieldName(target: with { $0.maxAbandonRate = 0.05 }), "max_abandon_rate")
        XCTAssertEqual(fieldName(target: with { $0.patienceSeconds = 0 }), "patience_seconds")
        XCTAssertEqual(
            fieldName(
                target: with {
                    $0.patienceSeconds = 60
                    $0.maxAbandonRate = 2
                }), "max_abandon_rate")

        XCTAssertEqual(
            QueueingError.invalidParameter(name: .ahtSeconds, message: "must be a positive number of seconds, got -5")
                .description,
            "aht_seconds: must be a positive number of seconds, got -5")
        do {
            _ = try with { $0.serviceLevel = 80 }.validated()
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(
                error.description,
                "service_level: must be a fraction above 0 and at most 1, got 80 (a fraction: 0.8 means 80 %)")
        }
    }

    func testValidatedReturnsTheSameTarget() throws {
        let target = StaffingTarget(
            serviceLevel: 0.8, targetSeconds: 20, maxASASeconds: 30, maxOccupancy: 0.85, shrinkage: 0.3)
        XCTAssertEqual(try target.validated(), target)
    }
}
