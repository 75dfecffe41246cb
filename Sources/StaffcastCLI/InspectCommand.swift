import StaffcastCore

/// `staffcast inspect`: how the history was understood, per channel.
struct InspectCommand: Command {
    static let name = "inspect"
    static let abstract = "summarise a contact history: span, interval, gaps, opening hours, suspicious days"
    static let discussion = """
        Summarises the history per channel: span, interval, rows, days present and absent, opening
        hours learned, daily-total statistics and suspicious days, and says what intervals absent
        from the file were taken to be (--missing). Warnings go to stderr.
        """
    static let options =
        HistoryOptions.specs + [
            OptionSpec(
                "dump", "FILE|-",
                "write the records as understood: timestamp,channel,contacts,aht_seconds\n(and abandoned, when the file has it)"
            ),
            OptionSpec(flag: "json", "print the summary as JSON"),
        ]

    let history: HistoryOptions
    let dumpPath: String?
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        history = try HistoryOptions(arguments)
        dumpPath = arguments.value("dump")
        json = arguments.has("json")
    }

    func run() throws {
        let contacts = try history.read()
        let calendar = history.options.calendar
        if let dumpPath {
            try AtomicFile.write(HistoryDump.csv(contacts), to: dumpPath)
            if dumpPath == "-" { return }
        }
        let summaries = HistoryInspector.summarize(contacts)
        try Console.out(
            json
                ? HistoryInspector.json(
                    summaries, calendar: calendar, missingRows: contacts.missingRows,
                    zeroFilledIntervals: contacts.zeroFilledIntervals)
                : HistoryInspector.missingRowsLine(contacts) + HistoryInspector.text(summaries, calendar: calendar))
    }
}
