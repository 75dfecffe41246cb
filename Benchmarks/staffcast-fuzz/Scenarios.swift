/// The valid runs the cases start from: every command, every input kind, in the layouts and
/// options a planner uses. Weights give each command its share of the cases; `plan` is the
/// slowest (a forecast, a backtest and a shift solve) and gets fewer.
enum Scenarios {
    static func all(_ s: Seeds, _ d: DerivedSeeds) -> [(weight: Int, scenario: Scenario)] {
        func file(_ name: String, _ kind: InputKind, _ bytes: [UInt8]) -> InputFile {
            InputFile(name: name, kind: kind, bytes: bytes)
        }
        let long = file("history.csv", .historyLong, s.historyLong)
        let single = file("history.csv", .historySingle, s.historySingle)
        let dst = file("history.csv", .historyDST, s.historyDST)
        let offset = file("history.csv", .historyOffset, s.historyOffset)
        let comma = file("history.csv", .historyDecimalComma, s.historyDecimalComma)
        let events = file("events.csv", .events, s.events)
        let ny = "America/New_York"
        let ams = "Europe/Amsterdam"
        func scenario(
            _ command: String, _ name: String, _ arguments: [String], _ files: [InputFile], outputs: [String] = [],
            timeout: Double = 20, timezone: String = "UTC"
        ) -> Scenario {
            Scenario(
                command: command, name: name, arguments: arguments, files: files, outputs: outputs,
                timeoutSeconds: timeout, timezone: timezone)
        }
        let tz = ["--timezone", ny]
        var list: [(Int, Scenario)] = []
        // inspect: every history layout.
        list += [
            (3, scenario("inspect", "long", ["--history", "history.csv"] + tz, [long], timezone: ny)),
            (
                3,
                scenario(
                    "inspect", "long-json-dump", ["--history", "history.csv", "--json", "--dump", "dump.csv"] + tz,
                    [long], outputs: ["dump.csv"], timezone: ny)
            ),
            (
                3,
                scenario(
                    "inspect", "single-30m", ["--history", "history.csv", "--interval", "30m", "--dump", "-"], [single])
            ),
            (
                3,
                scenario(
                    "inspect", "dst", ["--history", "history.csv", "--timezone", ams, "--json"], [dst], timezone: ams)
            ),
            (
                2,
                scenario(
                    "inspect", "offset", ["--history", "history.csv", "--timezone", ams, "--interval", "1h"], [offset],
                    timezone: ams)
            ),
            (3, scenario("inspect", "decimal-comma", ["--history", "history.csv"] + tz, [comma], timezone: ny)),
        ]
        // forecast and backtest: the models, events, holidays, origins.
        list += [
            (
                4,
                scenario(
                    "forecast", "long-auto-events",
                    [
                        "--history", "history.csv", "--horizon", "4d", "--events", "events.csv", "--holidays", "US",
                        "--out", "forecast.csv",
                    ] + tz,
                    [long, events], outputs: ["forecast.csv"], timeout: 30, timezone: ny)
            ),
            (
                3,
                scenario(
                    "forecast", "single-snaive",
                    [
                        "--history", "history.csv", "--interval", "30m", "--horizon", "4d", "--model", "snaive",
                        "--out", "-",
                    ], [single], timeout: 30)
            ),
            (
                3,
                scenario(
                    "forecast", "dst-regression",
                    [
                        "--history", "history.csv", "--timezone", ams, "--horizon", "3d", "--model", "regression",
                        "--holidays", "NL", "--out", "forecast.csv",
                    ],
                    [dst], outputs: ["forecast.csv"], timeout: 30, timezone: ams)
            ),
            (
                2,
                scenario(
                    "forecast", "comma-topdown",
                    [
                        "--history", "history.csv", "--horizon", "4d", "--model", "topdown", "--channel", "calls",
                        "--out", "forecast.csv",
                    ] + tz,
                    [comma], outputs: ["forecast.csv"], timeout: 30, timezone: ny)
            ),
            (
                2,
                scenario(
                    "forecast", "long-dshw-origin",
                    [
                        "--history", "history.csv", "--horizon", "1d", "--model", "dshw", "--origin",
                        "2003-04-08T22:00:00", "--out", "forecast.csv",
                    ] + tz,
                    [long], outputs: ["forecast.csv"], timeout: 30, timezone: ny)
            ),
            (
                2,
                scenario(
                    "forecast", "offset-combo",
                    [
                        "--history", "history.csv", "--timezone", ams, "--horizon", "2d", "--model", "combo", "--out",
                        "forecast.csv",
                    ],
                    [offset], outputs: ["forecast.csv"], timeout: 30, timezone: ams)
            ),
            (
                2,
                scenario(
                    "backtest", "long",
                    [
                        "--history", "history.csv", "--horizon", "1d", "--origins", "2", "--models",
                        "snaive,regression", "--out", "scores.csv",
                    ] + tz,
                    [long], outputs: ["scores.csv"], timeout: 30, timezone: ny)
            ),
            (
                2,
                scenario(
                    "backtest", "single-every",
                    [
                        "--history", "history.csv", "--interval", "30m", "--horizon", "1d", "--origins", "2", "--every",
                        "2d", "--models", "wavg1,topdown",
                    ],
                    [single], timeout: 30)
            ),
        ]
        // staff: flags, the file's AHT with quantiles, a config, Erlang A, chat.
        let forecastLong = file("forecast.csv", .forecast, d.forecastLong)
        let forecastSingle = file("forecast.csv", .forecast, d.forecastSingle)
        let rich = file("plan.json", .config, s.configRich)
        let tours = file("plan.json", .config, s.configTours)
        list += [
            (
                4,
                scenario(
                    "staff", "flags",
                    [
                        "--forecast", "forecast.csv", "--aht", "300", "--sl", "80/20", "--shrinkage", "0.3",
                        "--max-occupancy", "0.85", "--out", "requirements.csv",
                    ],
                    [forecastLong], outputs: ["requirements.csv"])
            ),
            (
                3,
                scenario(
                    "staff", "file-aht-p80",
                    ["--forecast", "forecast.csv", "--sl", "80/20", "--staff-to", "p80", "--out", "-"] + tz,
                    [forecastLong], timezone: ny)
            ),
            (
                4,
                scenario(
                    "staff", "config",
                    ["--forecast", "forecast.csv", "--config", "plan.json", "--out", "requirements.csv"],
                    [forecastLong, rich, long, events], outputs: ["requirements.csv"], timezone: ny)
            ),
            (
                3,
                scenario(
                    "staff", "erlang-a",
                    [
                        "--forecast", "forecast.csv", "--aht", "240", "--sl", "80/20", "--patience", "90",
                        "--max-abandon", "0.05", "--out", "requirements.csv",
                    ],
                    [forecastSingle], outputs: ["requirements.csv"])
            ),
            (
                2,
                scenario(
                    "staff", "chat",
                    [
                        "--forecast", "forecast.csv", "--concurrency", "3", "--aht-by-concurrency", "300,360,420",
                        "--sl", "80/60", "--interval", "30m", "--out", "requirements.csv",
                    ],
                    [forecastLong], outputs: ["requirements.csv"])
            ),
        ]
        // schedule: lengths, tours, a config's templates, the plan's own requirements.
        let requirementsFlags = file("requirements.csv", .requirements, d.requirementsFlags)
        let requirementsPlan = file("requirements.csv", .requirements, d.requirementsPlan)
        list += [
            (
                4,
                scenario(
                    "schedule", "shifts",
                    [
                        "--requirements", "requirements.csv", "--shifts", "8h,6h,4h", "--out", "schedule.csv",
                        "--coverage", "coverage.csv", "--sl-seconds", "20", "--shrinkage", "0.3",
                    ],
                    [requirementsFlags], outputs: ["schedule.csv", "coverage.csv"])
            ),
            (
                3,
                scenario(
                    "schedule", "tours",
                    [
                        "--requirements", "requirements.csv", "--shifts", "8h", "--tours", "--no-breaks",
                        "--start-every", "1h", "--out", "schedule.csv",
                    ] + tz,
                    [requirementsFlags], outputs: ["schedule.csv"], timezone: ny)
            ),
            (
                3,
                scenario(
                    "schedule", "config",
                    [
                        "--requirements", "requirements.csv", "--config", "plan.json", "--out", "schedule.csv",
                        "--coverage", "coverage.csv",
                    ],
                    [requirementsPlan, rich, long, events], outputs: ["schedule.csv", "coverage.csv"], timezone: ny)
            ),
            (
                2,
                scenario(
                    "schedule", "config-tours",
                    ["--requirements", "requirements.csv", "--config", "plan.json", "--out", "schedule.csv"],
                    [requirementsFlags, tours, long], outputs: ["schedule.csv"], timezone: ny)
            ),
        ]
        // simulate: three channels, and one series without a channel column.
        list += [
            (
                4,
                scenario(
                    "simulate", "long",
                    [
                        "--arrivals", "arrivals.csv", "--staffing", "staffing.csv", "--aht", "300", "--sl-seconds",
                        "20", "--replications", "3", "--out", "simulated.csv",
                    ] + tz,
                    [file("arrivals.csv", .arrivals, s.arrivalsLong), file("staffing.csv", .staffing, d.staffingLong)],
                    outputs: ["simulated.csv"], timezone: ny)
            ),
            (
                3,
                scenario(
                    "simulate", "single-replay",
                    [
                        "--arrivals", "arrivals.csv", "--staffing", "staffing.csv", "--aht", "240", "--aht-cv", "1.2",
                        "--patience", "120", "--sl-seconds", "20",
                        "--replay", "--departure", "preempt", "--seed", "7", "--replications", "2", "--out", "-",
                    ],
                    [
                        file("arrivals.csv", .arrivals, s.arrivalsSingle),
                        file("staffing.csv", .staffing, d.staffingSingle),
                    ])
            ),
        ]
        // plan: the rich config (three channel kinds, templates, scenarios, events), tours,
        // one series, Amsterdam across DST.
        list += [
            (
                3,
                scenario(
                    "plan", "rich", ["--config", "plan.json", "--out-dir", "reports", "--quiet"], [rich, long, events],
                    outputs: ["reports"], timeout: 40, timezone: ny)
            ),
            (
                2,
                scenario(
                    "plan", "tours-week", ["--config", "plan.json", "--week", "2003-W16", "--out-dir", "reports"],
                    [tours, long], outputs: ["reports"], timeout: 40, timezone: ny)
            ),
            (
                2,
                scenario(
                    "plan", "single-next",
                    [
                        "--config", "plan.json", "--week", "next", "--now", "2003-03-22T12:00:00Z", "--out-dir",
                        "reports", "--quiet",
                    ],
                    [file("plan.json", .config, s.configSingle), single], outputs: ["reports"], timeout: 40)
            ),
            (
                2,
                scenario(
                    "plan", "dst", ["--config", "plan.json", "--out-dir", "reports", "--quiet"],
                    [file("plan.json", .config, s.configDST), dst],
                    outputs: ["reports"], timeout: 40, timezone: ams)
            ),
        ]
        // capacity: three channel kinds, a team with attrition, training, ramp-up and a planned hire.
        list += [
            (
                3,
                scenario(
                    "capacity", "rich",
                    ["--config", "plan.json", "--from", "2003-W16", "--weeks", "3", "--out-dir", "reports", "--quiet"],
                    [file("plan.json", .config, s.configCapacity), long], outputs: ["reports"], timeout: 40,
                    timezone: ny)
            )
        ]
        // roster, and plan with a team: small teams with requests and the previous week's roster.
        let teamLong = [
            file("plan.json", .config, s.configTeamLong), long, file("team.csv", .team, s.teamLong),
            file("requests.csv", .requests, s.requestsLong),
            file("previous.csv", .previousRoster, d.previousRosterLong),
        ]
        let teamSingle = [
            file("plan.json", .config, s.configTeamSingle), single, file("team.csv", .team, s.teamSingle),
            file("requests.csv", .requests, s.requestsSingle),
            file("previous.csv", .previousRoster, d.previousRosterSingle),
        ]
        list += [
            (
                5,
                scenario(
                    "roster", "long", ["--config", "plan.json", "--out", "roster.csv"], teamLong,
                    outputs: ["roster.csv"], timeout: 30, timezone: ny)
            ),
            (
                4,
                scenario(
                    "roster", "single-week",
                    ["--config", "plan.json", "--week", "2003-W13", "--out", "roster.csv", "--quiet"], teamSingle,
                    outputs: ["roster.csv"], timeout: 30)
            ),
            (
                3,
                scenario(
                    "plan", "team", ["--config", "plan.json", "--out-dir", "reports", "--quiet"], teamLong,
                    outputs: ["reports"], timeout: 40, timezone: ny)
            ),
        ]
        // review and reforecast: a published plan folder (never mutated: its files are
        // hash-checked), the actuals and the arguments.
        func published(_ files: [(name: String, bytes: [UInt8])]) -> [InputFile] {
            files.map { file($0.name, .published, $0.bytes) }
        }
        let actualsLong = file("actuals.csv", .actuals, s.actualsLong)
        let actualsSingle = file("actuals.csv", .actuals, s.actualsSingle)
        let reviewFiles = ["plan/review.csv", "plan/review_intervals.csv", "plan/review.html"]
        list += [
            (
                3,
                scenario(
                    "review", "long-roster", ["--plan", "plan", "--actuals", "actuals.csv"],
                    published(d.publishedLong) + [actualsLong], outputs: reviewFiles, timeout: 30, timezone: ny)
            ),
            (
                3,
                scenario(
                    "review", "single-shifts",
                    [
                        "--plan", "plan", "--actuals", "actuals.csv", "--channel-name", "phone", "--coverage",
                        "shifts", "--seed", "7", "--replications", "3", "--quiet",
                    ],
                    published(d.publishedSingle) + [actualsSingle], outputs: reviewFiles, timeout: 30)
            ),
            (
                3,
                scenario(
                    "reforecast", "long",
                    [
                        "--plan", "plan", "--actuals", "actuals.csv", "--now", "2003-04-16T11:00:00", "--out",
                        "reforecast.csv",
                    ],
                    published(d.publishedLong) + [actualsLong], outputs: ["reforecast.csv"], timeout: 20, timezone: ny)
            ),
            (
                2,
                scenario(
                    "reforecast", "single-stdout",
                    [
                        "--plan", "plan", "--actuals", "actuals.csv", "--channel-name", "phone", "--now",
                        "2003-03-26T12:00:00Z",
                    ],
                    published(d.publishedSingle) + [actualsSingle], timeout: 20)
            ),
        ]
        // erlang and calendar: arguments only.
        list += [
            (
                3,
                scenario(
                    "erlang", "c",
                    [
                        "--contacts", "100", "--interval", "30m", "--aht", "180", "--sl", "80/20", "--shrinkage", "0.3",
                        "--max-occupancy", "0.85", "--json",
                    ], [], timeout: 10)
            ),
            (
                3,
                scenario(
                    "erlang", "a",
                    [
                        "--contacts", "250", "--interval", "15m", "--aht", "240", "--sl", "80/20", "--patience", "120",
                        "--max-abandon", "0.03",
                    ], [], timeout: 10)
            ),
            (
                2,
                scenario(
                    "erlang", "agents",
                    ["--contacts", "80", "--interval", "1h", "--aht", "300", "--agents", "9", "--asa", "30", "--json"],
                    [], timeout: 10)
            ),
            (
                2,
                scenario(
                    "erlang", "chat",
                    [
                        "--contacts", "120", "--interval", "30m", "--aht", "300", "--sl", "80/60", "--concurrency", "3",
                        "--aht-by-concurrency", "300,360,420",
                    ], [], timeout: 10)
            ),
            (
                1,
                scenario(
                    "calendar", "years", ["--holidays", "NL,US", "--years", "2023-2026", "--csv"], [], timeout: 10)
            ),
            (
                1,
                scenario(
                    "calendar", "retail",
                    ["--holidays", "BE,DE,FR,GB", "--year", "2026", "--kind", "retail", "--out", "calendar.csv"], [],
                    outputs: ["calendar.csv"], timeout: 10)
            ),
        ]
        return list
    }
}
