import DemoData
import Foundation
import Queueing
import Rostering
import RosteringBenchmark
import Scheduling
import StaffcastCore

/// `staffcast-bench roster FILE --seconds S [--out FILE] [--seed N] [--workers W]`: solves one
/// instance of the Curtois & Qu benchmark, writes `employee,day,shift` rows and prints
/// `objective N` as its last line. Exit codes: 64 usage, 65/66 bad or missing instance, 73 cannot write.
func runRosterCommand(_ arguments: [String]) -> Int32 {
    var file: String?
    var seconds = 10.0
    var seed: UInt64 = 1
    var workers = 2
    var out: String?
    var tuning = BenchmarkTuning()
    var index = 0
    func usage(_ message: String) -> Int32 {
        FileHandle.standardError.write(
            Data(
                "staffcast-bench roster: \(message)\nusage: staffcast-bench roster FILE --seconds S [--out FILE] [--seed N] [--workers W] [--tune name=value]…\n"
                    .utf8))
        return 64
    }
    while index < arguments.count {
        let argument = arguments[index]
        func value() -> String? { index + 1 < arguments.count ? arguments[index + 1] : nil }
        switch argument {
        case "--seconds":
            guard let v = value(), let s = Double(v), s.isFinite, s > 0 else {
                return usage("--seconds expects a positive number")
            }
            seconds = s
            index += 2
        case "--out":
            guard let v = value() else { return usage("--out expects a file") }
            out = v
            index += 2
        case "--seed":
            guard let v = value(), let s = UInt64(v) else { return usage("--seed expects a whole number ≥ 0") }
            seed = s
            index += 2
        case "--tune":
            // --tune name=value (mostFreed, noise, startTemperature, endTemperature, chainShare, chainLength, sameDayShare)
            guard let v = value() else { return usage("--tune expects name=value") }
            let parts = v.split(separator: "=").map(String.init)
            guard parts.count == 2, let number = Double(parts[1]), number.isFinite, number >= 0 else {
                return usage("--tune expects name=value")
            }
            switch parts[0] {
            case "mostFreed": tuning.mostFreed = max(1, Int(min(number, 1000)))
            case "noise": tuning.noise = number
            case "startTemperature": tuning.startTemperature = max(number, 1e-6)
            case "endTemperature": tuning.endTemperature = max(number, 1e-6)
            case "chainShare": tuning.chainShare = number
            case "chainLength": tuning.chainLength = Int(min(number, 1000))
            case "sameDayShare": tuning.sameDayShare = number
            case "shortCellShare": tuning.shortCellShare = number
            default: return usage("unknown tuning knob '\(parts[0])'")
            }
            index += 2
        case "--workers":
            guard let v = value(), let w = Int(v), (1...64).contains(w) else { return usage("--workers expects 1…64") }
            workers = w
            index += 2
        default:
            if argument.hasPrefix("--") || file != nil { return usage("unexpected argument '\(argument)'") }
            file = argument
            index += 1
        }
    }
    guard let file else { return usage("no instance file given") }
    do {
        let instance = try BenchmarkReader.read(path: file)
        let solution = try BenchmarkSolver.solve(
            instance, limits: BenchmarkSearchLimits(seconds: seconds, seed: seed, workers: workers, tuning: tuning))
        if let out {
            do { try AtomicFile.write(solution.roster.csv(for: instance), to: out) } catch {
                FileHandle.standardError.write(Data("staffcast-bench roster: \(error)\n".utf8))
                return 73
            }
        }
        if !solution.score.isFeasible {
            FileHandle.standardError.write(
                Data(
                    "staffcast-bench roster: the roster breaks hard rules: \(solution.score.violations.prefix(5).joined(separator: "; "))\n"
                        .utf8))
        }
        print(String(format: "moves %d, %.1f s", solution.moves, solution.seconds))
        print("objective \(solution.score.objective)")
        return solution.score.isFeasible ? 0 : 70
    } catch {
        FileHandle.standardError.write(Data("staffcast-bench roster: \(error)\n".utf8))
        if case .missingInput = error { return 66 }
        return 65
    }
}

/// `make bench`: instances 1–12 of ../shared/reference/rostering with `seconds` each (2 workers),
/// against the best known objectives, with the machine's load average.
func runRosteringBenchmarks(seconds: Double, instances: [Int]) {
    let folder = "../shared/reference/rostering"
    guard let table = try? String(contentsOfFile: "\(folder)/best_known.csv", encoding: .utf8) else {
        print("rostering: cannot read \(folder)/best_known.csv; run from the project root")
        return
    }
    var bestKnown: [String: Int] = [:]
    for line in table.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        if fields.count >= 5, let value = Int(fields[4]) { bestKnown[String(fields[0])] = value }
    }
    func load() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init)
            ?? "?"
    }
    print("rostering: Curtois & Qu instances, \(seconds) s each, 2 workers (load average before each run)")
    print("  instance   days staff  objective  best known     gap   seconds  feasible  load")
    for number in instances {
        let name = "Instance\(number)"
        let loadBefore = load()
        do {
            let instance = try BenchmarkReader.read(path: "\(folder)/\(name).txt")
            let solution = try BenchmarkSolver.solve(
                instance, limits: BenchmarkSearchLimits(seconds: seconds, seed: 1, workers: 2))
            let known = bestKnown[name] ?? 0
            let gap = known > 0 ? Double(solution.score.objective - known) / Double(known) * 100 : 0
            print(
                String(
                    format: "  %-10@ %4d %5d  %9d  %10d  %5.2f %%  %7.1f  %8@  %@", name as NSString, instance.days,
                    instance.employees.count, solution.score.objective, known, gap, solution.seconds,
                    (solution.score.isFeasible ? "yes" : "NO") as NSString, loadBefore as NSString))
        } catch {
            print("  \(name): \(error)")
        }
    }
}

/// The bundled web-shop team (datasets/webshop_team.csv, 160 agents) rostered onto a week of
/// Erlang C requirements (80/20, no shrinkage) built from the demo web shop's channel profiles:
/// the roster's time, objective and shortfall.
func runWebshopRosterBenchmark() {
    guard let team = try? TeamReader.readTeam(path: "datasets/webshop_team.csv") else {
        print("roster-webshop: cannot read datasets/webshop_team.csv; run from the project root")
        return
    }
    let requirements = webshopRequirements()
    let templates = [8, 6, 4].map { hours in
        ShiftTemplate(
            name: "\(hours)h", lengthSeconds: hours * 3600, earliestStartSeconds: 6 * 3600,
            latestStartSeconds: (23 - hours) * 3600, startEverySeconds: 1800,
            breakRule: BreakRule.standard(forShiftSeconds: hours * 3600))
    }
    let clock = ContinuousClock()
    let started = clock.now
    do {
        let roster = try RosterSolver.solve(
            RosterInput(
                team: team, requirements: requirements, templates: templates,
                deferredChannels: ["email": 8 * 3600]))
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let required = requirements.reduce(0) { $0 + $1.days.reduce(0) { $0 + $1.required.reduce(0, +) } }
        let short = roster.uncovered.reduce(0) { $0 + $1.shortfall }
        print(
            String(
                format:
                    "roster-webshop: %d agents, %d shifts, %.1f s; required %.0f agent-hours, short %.1f; objective %.1f (under %.1f, over %.1f, requests %.1f, fairness %.1f, switches %.1f)",
                team.count, roster.shifts.count, seconds, Double(required) / 2, Double(short) / 2,
                roster.objective.total,
                roster.objective.underCover, roster.objective.overCover, roster.objective.requests,
                roster.objective.fairness,
                roster.objective.switches))
    } catch {
        print("roster-webshop: \(error)")
    }
}

/// Half-hourly agents per channel for the week of Monday 2026-01-05 (UTC clock), from the demo
/// profiles' daily volumes and intraday shares, at 80 % in 20 s with Erlang C.
func webshopRequirements() -> [ChannelRequirement] {
    let monday = CivilDate(year: 2026, month: 1, day: 5)!
    return ChannelProfile.webshop.map { profile in
        let days = (0..<7).map { d -> DayRequirement in
            let date = monday.adding(days: d)
            let shares = profile.intradayShares(weekday: d + 1)
            let daily = profile.dailyBase * profile.weekdayFactors[d]
            let required = (0..<48).map { slot -> Int in
                let contacts = daily * (shares[2 * slot] + shares[2 * slot + 1])
                guard contacts > 0 else { return 0 }
                return
                    (try? StaffingSolver.solve(
                        contacts: contacts, intervalSeconds: 1800, ahtSeconds: profile.ahtSeconds,
                        target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 20)
                    ).agents) ?? 0
            }
            return DayRequirement(date: date, startInstant: Int64(date.daysSinceEpoch) * 86_400, required: required)
        }
        return ChannelRequirement(channel: profile.name, intervalSeconds: 1800, days: days)
    }
}
