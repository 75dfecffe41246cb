import Foundation

/// The valid inputs the mutators start from, made small (a few weeks of 30-minute data, a few
/// thousand rows at most) so a case runs in tens of milliseconds: slices of the bundled bank
/// calls (`datasets/bank_calls.csv`) and of the CLI tests' three-channel fixture, rewritten in
/// the layouts the history reader accepts; configs and events modelled on the test fixtures;
/// forecast, requirements and staffing files written by `staffcast` itself from those.
struct Seeds {
    var historyLong: [UInt8]  // timestamp,channel,contacts,aht_seconds — New York local times, 3 channels
    var historySingle: [UInt8]  // timestamp,calls — 5-minute UTC rows
    var historyDST: [UInt8]  // Amsterdam local times across the 2003-03-30 change, without offset
    var historyOffset: [UInt8]  // the same with +01:00 / +02:00 offsets
    var historyDecimalComma: [UInt8]  // ';'-separated, decimal-comma AHT
    var events: [UInt8]
    var arrivalsLong: [UInt8]  // two later days of the three channels
    var arrivalsSingle: [UInt8]  // two later days of the bank, 30-minute UTC
    var configRich: [UInt8]
    var configTours: [UInt8]
    var configSingle: [UInt8]
    var configDST: [UInt8]
    /// The rich config's channels with a team to plan capacity for (`capacity`).
    var configCapacity: [UInt8]

    static func build(root: String) throws -> Seeds {
        let three = try lines(root + "/Tests/StaffcastCLITests/Fixtures/bank_three_channels.csv")
        let bank = try lines(root + "/datasets/bank_calls.csv")
        func dated(_ rows: [String], from: String, through: String) -> [String] {
            rows.dropFirst().filter {
                let d = String($0.prefix(10))
                return d >= from && d <= through
            }
        }
        let longRows = dated(three, from: "2003-03-03", through: "2003-04-11")
        let historyLong = text(["timestamp,channel,contacts,aht_seconds"] + longRows)
        let historySingle = text(["timestamp,calls"] + dated(bank, from: "2003-03-10", through: "2003-03-21"))

        // Amsterdam: the calls channel's wall times, plus a few night rows on the Sunday the
        // clocks go forward (02:00–03:00 does not exist), so the reader meets the change.
        var dst = dated(three, from: "2003-03-17", through: "2003-04-11").filter { $0.contains(",calls,") }
        let night = ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00"].map {
            "2003-03-30T\($0):00,calls,2,300.0"
        }
        dst.insert(contentsOf: night, at: dst.firstIndex { $0.hasPrefix("2003-03-31") } ?? dst.count)
        let historyDST = text(["timestamp,channel,contacts,aht_seconds"] + dst)
        let offsets = dst.map { row -> String in
            let stamp = String(row.prefix(19))
            let summer = stamp >= "2003-03-30T03:00:00"
            return stamp + (summer ? "+02:00" : "+01:00") + row.dropFirst(19)
        }
        let historyOffset = text(["timestamp,channel,contacts,aht_seconds"] + offsets)
        let comma = longRows.filter { !$0.contains(",chat,") }.map { row -> String in
            var fields = row.split(separator: ",").map(String.init)
            fields[3] = fields[3].replacingOccurrences(of: ".", with: ",")
            return fields.joined(separator: ";")
        }
        let historyDecimalComma = text(["timestamp;channel;contacts;aht_seconds"] + comma)

        let events = text([
            "name,start,end,channel,kind,uplift",
            "spring promotion,2003-03-11,2003-03-12,chat,promotion,1.2",
            "system outage,2003-03-26,2003-03-26,,closure,",
            "tax deadline,2003-04-14,2003-04-15,calls,peak,1.3",
        ])
        let arrivalsLong = text(
            ["timestamp,channel,contacts,aht_seconds"] + dated(three, from: "2003-04-14", through: "2003-04-15"))
        // 5-minute bank rows summed to 30 minutes (the staffing file's grid).
        var sums: [(String, Int)] = []
        for row in dated(bank, from: "2003-03-24", through: "2003-03-25") {
            let parts = row.split(separator: ",")
            guard parts.count == 2, let n = Int(parts[1]) else { continue }
            let stamp = String(parts[0])
            let minute = Int(stamp.dropFirst(14).prefix(2)) ?? 0
            let slot = String(stamp.prefix(14)) + (minute < 30 ? "00" : "30") + ":00Z"
            if sums.last?.0 == slot { sums[sums.count - 1].1 += n } else { sums.append((slot, n)) }
        }
        let arrivalsSingle = text(["timestamp,calls"] + sums.map { "\($0.0),\($0.1)" })

        let configRich = text([
            """
            {"history": "history.csv", "timezone": "America/New_York", "interval": "30m", "model": "auto",
             "backtest_origins": 1, "staff_to": "p80", "holidays": ["US"], "events": "events.csv",
             "channels": {
               "calls": {"aht": "forecast", "aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.9,
                         "shrinkage": 0.3, "patience": 120, "max_abandon_rate": 0.05},
               "chat": {"concurrency": 3, "aht_by_concurrency": [400, 460, 540], "service_level": "80/60", "shrinkage": 0.25},
               "email": {"deadline": "8h", "shrinkage": 0.2}},
             "shifts": {"templates": [
               {"name": "early", "length": "8h", "earliest_start": "06:30", "latest_start": "10:00", "start_every": "30m",
                "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "cost": 1,
                "break": {"length": "30m", "earliest_start": "3h", "latest_end": "5h", "paid": false}},
               {"name": "late", "length": "6h", "earliest_start": "12:00", "latest_start": "15:30", "cost": 1.1},
               {"name": "evening", "length": "4h", "earliest_start": "16:00", "latest_start": "17:00", "cost": 1.25,
                "break": false, "max_agents_per_day": 400}]},
             "scenarios": [
               {"name": "chatbot", "volume_factor": {"chat": 0.8, "*": 1.0}, "aht_factor": {"chat": 1.1}},
               {"name": "tighter", "service_level": "90/20", "shrinkage": 0.35}]}
            """
        ])
        let configTours = text([
            """
            {"history": "history.csv", "timezone": "America/New_York", "model": "snaive", "backtest_origins": 1,
             "shifts": {"lengths": ["8h"], "start_every": "1h", "breaks": true, "tours": true},
             "channels": {"*": {"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.85, "shrinkage": 0.3}}}
            """
        ])
        let configSingle = text([
            """
            {"history": "history.csv", "interval": "30m", "channel_name": "phone", "model": "wavg2", "backtest_origins": 1,
             "shifts": {"lengths": ["8h", "4h"]},
             "channels": {"phone": {"aht_seconds": 240, "asa_seconds": 30, "shrinkage": 0.25}}}
            """
        ])
        let configDST = text([
            """
            {"history": "history.csv", "timezone": "Europe/Amsterdam", "model": "regression", "backtest_origins": 1,
             "staff_to": "p50", "holidays": ["NL"],
             "channels": {"*": {"service_level": "80/20", "shrinkage": 0.3}}}
            """
        ])
        let configCapacity = text([
            """
            {"history": "history.csv", "timezone": "America/New_York", "interval": "30m", "model": "snaive", "backtest_origins": 1,
             "channels": {
               "calls": {"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.9, "shrinkage": 0.3},
               "chat": {"concurrency": 3, "aht_by_concurrency": [400, 460, 540], "service_level": "80/60", "shrinkage": 0.25},
               "email": {"deadline": "8h", "aht_seconds": 240, "shrinkage": 0.2}},
             "capacity": {"headcount": {"calls": 20, "chat": 6, "email": 3}, "attrition_per_week": 0.01, "training_weeks": 1,
                          "ramp_up": [0.5], "hire_fte": 0.8, "hire_every_weeks": 2, "quantile": "p80",
                          "shrinkage_by_month": {"4": 0.32}, "hires": [{"channel": "calls", "start": "2003-04-21", "count": 2}]}}
            """
        ])
        return Seeds(
            historyLong: historyLong, historySingle: historySingle, historyDST: historyDST,
            historyOffset: historyOffset,
            historyDecimalComma: historyDecimalComma, events: events, arrivalsLong: arrivalsLong,
            arrivalsSingle: arrivalsSingle, configRich: configRich, configTours: configTours,
            configSingle: configSingle, configDST: configDST, configCapacity: configCapacity)
    }

    static func lines(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FuzzError("cannot read \(path); run from the project root or give --root")
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(
            String.init)
    }

    static func text(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }
}

/// The inputs `staffcast` writes for the commands that read its own outputs (`staff` reads a
/// forecast, `schedule` requirements, `simulate` a staffing file): made by running it on the
/// seeds once at start-up.
struct DerivedSeeds {
    var forecastLong: [UInt8]
    var forecastSingle: [UInt8]
    var requirementsFlags: [UInt8]
    var requirementsPlan: [UInt8]
    var staffingLong: [UInt8]
    var staffingSingle: [UInt8]

    static func make(_ seeds: Seeds, runner: ChildRunner, binary: String, directory: String) throws -> DerivedSeeds {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) {
            _ = fm.createFile(atPath: directory + "/" + name, contents: Data(bytes))
        }
        func read(_ name: String) throws -> [UInt8] {
            guard let data = fm.contents(atPath: directory + "/" + name) else {
                throw FuzzError("seed \(name) was not written")
            }
            return Array(data)
        }
        func run(_ arguments: [String]) throws {
            let request = ChildRequest(binary: binary, arguments: arguments, directory: directory, timeoutSeconds: 120)
            let result = try runner.run(request)
            guard result.ending == .exited(0) else {
                let stderr = String(decoding: fm.contents(atPath: request.stderrPath) ?? Data(), as: UTF8.self)
                throw FuzzError(
                    "making the seeds: staffcast \(arguments.joined(separator: " ")) ended with \(result.ending): \(stderr)"
                )
            }
        }
        write("long.csv", seeds.historyLong)
        write("single.csv", seeds.historySingle)
        write("events.csv", seeds.events)
        write("history.csv", seeds.historyLong)
        write("plan.json", seeds.configRich)
        try run([
            "forecast", "--history", "long.csv", "--timezone", "America/New_York", "--horizon", "4d", "--model",
            "regression", "--out", "forecast-long.csv",
        ])
        try run([
            "forecast", "--history", "single.csv", "--interval", "30m", "--horizon", "4d", "--model", "snaive", "--out",
            "forecast-single.csv",
        ])
        try run([
            "staff", "--forecast", "forecast-long.csv", "--aht", "300", "--sl", "80/20", "--shrinkage", "0.3",
            "--max-occupancy", "0.9",
            "--timezone", "America/New_York", "--out", "requirements-flags.csv",
        ])
        try run([
            "staff", "--forecast", "forecast-single.csv", "--aht", "240", "--sl", "80/20", "--out",
            "requirements-single.csv",
        ])
        try run(["plan", "--config", "plan.json", "--out-dir", "reports", "--quiet"])
        let weeks = (try? fm.contentsOfDirectory(atPath: directory + "/reports"))?.filter { !$0.hasPrefix(".") } ?? []
        guard let week = weeks.first else { throw FuzzError("making the seeds: plan wrote no week") }
        return DerivedSeeds(
            forecastLong: try read("forecast-long.csv"), forecastSingle: try read("forecast-single.csv"),
            requirementsFlags: try read("requirements-flags.csv"),
            requirementsPlan: try read("reports/\(week)/requirements.csv"),
            staffingLong: staffing(try read("requirements-flags.csv"), channel: true),
            staffingSingle: staffing(try read("requirements-single.csv"), channel: false))
    }

    /// `timestamp[,channel],agents` from a requirements file.
    static func staffing(_ requirements: [UInt8], channel: Bool) -> [UInt8] {
        let table = TextTable(requirements)
        guard let t = table.column(["timestamp"]), let c = table.column(["channel"]), let a = table.column(["agents"])
        else { return [] }
        var lines = [channel ? "timestamp,channel,agents" : "timestamp,agents"]
        for i in table.dataLines {
            let f = table.fields(i)
            lines.append(channel ? "\(f[t]),\(f[c]),\(f[a])" : "\(f[t]),\(f[a])")
        }
        return Seeds.text(lines)
    }
}
