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
    /// A team of five on the three channels (calls, chat, e-mail) and their requests for
    /// 2003-W16; the config rosters them (`roster`, `plan` with a team) with a previous roster.
    var teamLong: [UInt8]
    var requestsLong: [UInt8]
    var configTeamLong: [UInt8]
    /// A team of four on the one series ("phone", UTC) and their requests for 2003-W13.
    var teamSingle: [UInt8]
    var requestsSingle: [UInt8]
    var configTeamSingle: [UInt8]
    /// What happened in the published weeks (`review`, `reforecast`): the three channels in
    /// 2003-W16 (30-minute, New York), the bank in 2003-W13 (5-minute UTC rows the commands sum
    /// to the plan's 30 minutes).
    var actualsLong: [UInt8]
    var actualsSingle: [UInt8]

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
        // Rosters: small teams (a case runs in a few hundred milliseconds), every column used —
        // preferences between and within levels, a decimal contract, no shift limit, a formula
        // start in a name, a window that wraps midnight, requests of every kind and one outside
        // the week (ignored). `moves` keeps the search short.
        let teamHeader =
            "id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end"
        let teamLong = text([
            teamHeader,
            "A1,Anna de Vries,calls>chat|email,24,40,,5,2,1,06:00,22:00",
            "A2,Bram Jansen,chat|email,16,32,4,4,1,1,07:00,21:00",
            "A3,Chloe Dekker,calls,24,36.5,,5,2,2,06:00,22:00",
            "A4,=Daan Mulder,email>calls,0,24,3,3,1,1,12:00,07:00",
            "A5,Emma Bakker,calls|chat,32,40,5,5,2,1,06:30,20:00",
        ])
        let requestsLong = text([
            "agent,date,kind,shift,weight",
            "A1,2003-04-14,unavailable,,",
            "A2,2003-04-15,want_shift,07:00-15:30,3",
            "A3,2003-04-16,avoid_day,,8",
            "A4,2003-04-17,avoid_shift,18:00-22:00,4",
            "A5,2003-04-18,want_day,,2.5",
            "A1,2003-05-01,unavailable,,",
        ])
        let configTeamLong = text([
            """
            {"history": "history.csv", "timezone": "America/New_York", "interval": "30m", "model": "snaive", "backtest_origins": 1,
             "channels": {
               "calls": {"aht_seconds": 300, "service_level": "80/20", "max_occupancy": 0.9, "shrinkage": 0.3},
               "chat": {"concurrency": 3, "aht_by_concurrency": [400, 460, 540], "service_level": "80/60", "shrinkage": 0.25},
               "email": {"deadline": "8h", "aht_seconds": 240, "shrinkage": 0.2}},
             "shifts": {"templates": [
               {"name": "early", "length": "8h", "earliest_start": "06:30", "latest_start": "10:00", "start_every": "30m",
                "break": {"length": "30m", "earliest_start": "3h", "latest_end": "5h", "paid": false}},
               {"name": "late", "length": "6h", "earliest_start": "12:00", "latest_start": "15:30", "cost": 1.1}]},
             "team": {"agents": "team.csv", "requests": "requests.csv", "previous_roster": "previous.csv", "moves": 40}}
            """
        ])
        let teamSingle = text([
            teamHeader,
            "P1,Fleur Visser,phone,24,40,,5,2,1,07:00,20:00",
            "P2,Gijs Smit,phone,0,20,3,3,1,0,12:00,20:00",
            "P3,Hanna Bos,phone,32,38.5,5,5,2,1,00:00,24:00",
            "P4,Ivo Meijer,phone,16,24,,4,1,1,12:00,07:00",
        ])
        let requestsSingle = text([
            "agent,date,kind,shift,weight",
            "P1,2003-03-24,want_shift,07:00-15:00,5",
            "P2,2003-03-25,unavailable,,",
            "P3,2003-03-26,avoid_shift,07:00-12:00,1000000",
            "P4,2003-03-27,want_day,,0.5",
        ])
        let configTeamSingle = text([
            """
            {"history": "history.csv", "interval": "30m", "channel_name": "phone", "model": "wavg2", "backtest_origins": 1,
             "shifts": {"lengths": ["8h", "4h"]},
             "channels": {"phone": {"aht_seconds": 240, "asa_seconds": 30, "shrinkage": 0.25}},
             "team": {"agents": "team.csv", "requests": "requests.csv", "previous_roster": "previous.csv", "moves": 30}}
            """
        ])
        let actualsLong = text(
            ["timestamp,channel,contacts,aht_seconds"] + dated(three, from: "2003-04-14", through: "2003-04-20"))
        let actualsSingle = text(["timestamp,calls"] + dated(bank, from: "2003-03-24", through: "2003-03-30"))
        return Seeds(
            historyLong: historyLong, historySingle: historySingle, historyDST: historyDST,
            historyOffset: historyOffset,
            historyDecimalComma: historyDecimalComma, events: events, arrivalsLong: arrivalsLong,
            arrivalsSingle: arrivalsSingle, configRich: configRich, configTours: configTours,
            configSingle: configSingle, configDST: configDST, configCapacity: configCapacity,
            teamLong: teamLong, requestsLong: requestsLong, configTeamLong: configTeamLong,
            teamSingle: teamSingle, requestsSingle: requestsSingle, configTeamSingle: configTeamSingle,
            actualsLong: actualsLong, actualsSingle: actualsSingle)
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
    /// The teams' rosters of the week before (2003-W15, 2003-W12), as `roster` writes them.
    var previousRosterLong: [UInt8]
    var previousRosterSingle: [UInt8]
    /// Published plan folders (`plan`'s files but report.html, which `review` and
    /// `reforecast` do not read): 2003-W16 of the three channels with the team's roster, and
    /// 2003-W13 of the bank without a team.
    var publishedLong: [(name: String, bytes: [UInt8])]
    var publishedSingle: [(name: String, bytes: [UInt8])]

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
        func run(_ arguments: [String], in folder: String = directory) throws {
            let request = ChildRequest(binary: binary, arguments: arguments, directory: folder, timeoutSeconds: 120)
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

        // The teams' previous weeks, rostered without a previous roster; then the weeks after
        // them published with it (the long one) and without a team (the bank).
        func folder(_ name: String, _ files: [(String, [UInt8])]) throws -> String {
            let path = directory + "/" + name
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (file, bytes) in files { _ = fm.createFile(atPath: path + "/" + file, contents: Data(bytes)) }
            return path
        }
        func withoutPrevious(_ config: [UInt8]) -> [UInt8] {
            Array(
                String(decoding: config, as: UTF8.self).replacingOccurrences(
                    of: #""previous_roster": "previous.csv", "#, with: ""
                ).utf8)
        }
        func published(_ folder: String, week: String) throws -> [(name: String, bytes: [UInt8])] {
            let path = folder + "/reports/" + week
            let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter {
                !$0.hasPrefix(".") && $0 != "report.html"
            }.sorted()
            guard names.contains("manifest.json") else { throw FuzzError("making the seeds: no plan in \(path)") }
            return try names.map { name in
                guard let data = fm.contents(atPath: path + "/" + name) else {
                    throw FuzzError("making the seeds: cannot read \(path)/\(name)")
                }
                return (name: "plan/" + name, bytes: Array(data))
            }
        }
        let teamLong = try folder(
            "team-long",
            [
                ("history.csv", seeds.historyLong), ("team.csv", seeds.teamLong), ("requests.csv", seeds.requestsLong),
                ("plan.json", seeds.configTeamLong), ("previous.json", withoutPrevious(seeds.configTeamLong)),
            ])
        try run(["roster", "--config", "previous.json", "--week", "2003-W15", "--out", "previous.csv"], in: teamLong)
        try run(["plan", "--config", "plan.json", "--out-dir", "reports", "--quiet"], in: teamLong)
        let teamSingle = try folder(
            "team-single",
            [
                ("history.csv", seeds.historySingle), ("team.csv", seeds.teamSingle),
                ("requests.csv", seeds.requestsSingle), ("previous.json", withoutPrevious(seeds.configTeamSingle)),
            ])
        try run(["roster", "--config", "previous.json", "--week", "2003-W12", "--out", "previous.csv"], in: teamSingle)
        let planSingle = try folder(
            "plan-single", [("history.csv", seeds.historySingle), ("plan.json", seeds.configSingle)])
        try run(["plan", "--config", "plan.json", "--out-dir", "reports", "--quiet"], in: planSingle)
        return DerivedSeeds(
            forecastLong: try read("forecast-long.csv"), forecastSingle: try read("forecast-single.csv"),
            requirementsFlags: try read("requirements-flags.csv"),
            requirementsPlan: try read("reports/\(week)/requirements.csv"),
            staffingLong: staffing(try read("requirements-flags.csv"), channel: true),
            staffingSingle: staffing(try read("requirements-single.csv"), channel: false),
            previousRosterLong: try read("team-long/previous.csv"),
            previousRosterSingle: try read("team-single/previous.csv"),
            publishedLong: try published(teamLong, week: "2003-W16"),
            publishedSingle: try published(planSingle, week: "2003-W13"))
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
