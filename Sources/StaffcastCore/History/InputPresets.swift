/// A named mapping for one platform's export (`--format NAME`). Presets are data: each is an
/// ``InputMapping`` read by the same code as a hand-written `--columns`.
public struct InputPreset: Sendable {
    public let name: String
    /// The export it reads, in the platform's words.
    public let export: String
    public let mapping: InputMapping
}

/// The built-in presets. Column names follow each platform's documentation where it gives
/// them (Genesys Cloud's historical data import, Amazon Connect's metric names, Twilio's
/// TaskRouter statistics, NICE IEX's `date`/`period` fields); a role with several names accepts
/// whichever the file has, so exports configured slightly differently still read.
public enum InputPresets {
    public static let all: [InputPreset] = [
        InputPreset(
            name: "genesys-wfm", export: "Genesys Cloud WFM historical data import (.csv, UTC, 15-minute intervals)",
            mapping: build(
                [
                    ColumnChoice(.timestamp, ["Interval Start UTC Date"]),
                    ColumnChoice(.queue, ["Queue"]),
                    ColumnChoice(.channel, ["Media Type"]),
                    ColumnChoice(.split, ["Skill Set"], optional: true),
                    ColumnChoice(.split, ["Language"], optional: true),
                    ColumnChoice(.contacts, ["Offered"]),
                    ColumnChoice(.handled, ["Interactions Handled"]),
                    ColumnChoice(.handleTime, ["Total Handle Time (Seconds)", "Total Handle Time"]),
                ], unit: .seconds)),
        InputPreset(
            name: "genesys-queue-interval", export: "Genesys Cloud queue performance view exported by interval",
            mapping: build([
                ColumnChoice(.timestamp, ["Interval Start"]),
                ColumnChoice(.end, ["Interval End"], optional: true),
                ColumnChoice(.queue, ["Queue"]),
                ColumnChoice(.channel, ["Media Type"], optional: true),
                ColumnChoice(.contacts, ["Offer", "Offered"]),
                ColumnChoice(.handled, ["Answer", "Answered"], optional: true),
                ColumnChoice(.aht, ["Avg Handle", "AHT"], optional: true),
                ColumnChoice(.abandoned, ["Abandon", "Abandoned"], optional: true),
            ])),
        InputPreset(
            name: "amazon-connect",
            export:
                "Amazon Connect historical metrics report by queue and interval (intervals without contacts are left out)",
            mapping: build(
                [
                    ColumnChoice(.timestamp, ["StartInterval", "Start interval", "Interval start"]),
                    ColumnChoice(.end, ["EndInterval", "End interval", "Interval end"], optional: true),
                    ColumnChoice(.queue, ["Queue"]),
                    ColumnChoice(.channel, ["Channel"], optional: true),
                    ColumnChoice(.contacts, ["Contacts queued"]),
                    ColumnChoice(.handled, ["Contacts handled"], optional: true),
                    ColumnChoice(.aht, ["Average handle time"], optional: true),
                    ColumnChoice(.abandoned, ["Contacts abandoned"], optional: true),
                ], missing: .zero)),
        InputPreset(
            name: "nice-iex",
            export: "NICE IEX WFM queue data export (pipe-delimited, date mmddyyyy, period start time)",
            mapping: build(
                [
                    ColumnChoice(.date, ["date"]),
                    ColumnChoice(.period, ["period"]),
                    ColumnChoice(.queue, ["queueName", "queue", "ctName", "queueID", "ctID"]),
                    ColumnChoice(.contacts, ["contactsRcvd", "contactsReceived", "recvd", "received", "offered"]),
                    ColumnChoice(.handled, ["contactsHandled", "handled"], optional: true),
                    ColumnChoice(.aht, ["aht", "avgHandleTime"], optional: true),
                    ColumnChoice(.abandoned, ["contactsAbandoned", "abandoned", "abandons"], optional: true),
                ], order: .mdy)),
        InputPreset(
            name: "excel-nl", export: "Dutch Excel CSV (semicolons, decimal commas, dates dd-mm-jjjj)",
            mapping: build(
                [
                    ColumnChoice(.date, ["Datum", "Date"]),
                    ColumnChoice(.time, ["Tijd", "Tijdstip", "Begintijd", "Interval", "Time"]),
                    ColumnChoice(.channel, ["Kanaal", "Channel"]),
                    ColumnChoice(.contacts, ["Aantal", "Contacten", "Aangeboden", "Aantal contacten", "Contacts"]),
                    ColumnChoice(
                        .aht, ["Gem. afhandeltijd", "Gemiddelde afhandeltijd", "AHT", "aht_seconds"], optional: true),
                    ColumnChoice(.abandoned, ["Afgebroken", "Verloren"], optional: true),
                ], order: .dmy, decimal: .comma)),
        InputPreset(
            name: "five9-call-log", export: "Five9 call log report (one row per call)",
            mapping: build(
                [
                    ColumnChoice(.date, ["DATE"]),
                    ColumnChoice(.time, ["TIME"]),
                    ColumnChoice(.queue, ["SKILL", "CAMPAIGN"]),
                    ColumnChoice(.aht, ["HANDLE TIME"], optional: true),
                    ColumnChoice(.abandoned, ["ABANDONED"], optional: true),
                ], order: .ymd, missing: .zero, perContact: true)),
        InputPreset(
            name: "twilio-taskrouter",
            export: "Twilio TaskRouter task queue cumulative statistics, one row per queue and interval",
            mapping: build([
                ColumnChoice(.timestamp, ["start_time", "StartTime"]),
                ColumnChoice(.end, ["end_time", "EndTime"], optional: true),
                ColumnChoice(.queue, ["task_queue_sid", "task_queue_name", "TaskQueueSid"]),
                ColumnChoice(.contacts, ["tasks_entered", "TasksEntered"]),
                ColumnChoice(.abandoned, ["tasks_canceled", "TasksCanceled"], optional: true),
            ])),
        InputPreset(
            name: "zendesk-explore",
            export: "Zendesk Explore report of tickets created by date and hour (empty hours are left out)",
            mapping: build(
                [
                    ColumnChoice(.date, ["Ticket created - Date"]),
                    ColumnChoice(.hour, ["Ticket created - Hour"]),
                    ColumnChoice(.channel, ["Ticket channel"], optional: true),
                    ColumnChoice(.contacts, ["Tickets"]),
                ], order: .ymd, missing: .zero)),
        InputPreset(
            name: "freshdesk-tickets", export: "Freshdesk ticket list export (one row per ticket)",
            mapping: build(
                [
                    ColumnChoice(.timestamp, ["Created time", "Created at", "created_at"]),
                    ColumnChoice(.channel, ["Source"], optional: true),
                ], order: .ymd, missing: .zero, perContact: true)),
    ]

    private static func build(
        _ columns: [ColumnChoice], order: DateOrder? = nil, unit: DurationUnit? = nil,
        missing: MissingRows? = nil, decimal: DecimalSeparator? = nil, perContact: Bool = false
    ) -> InputMapping {
        var mapping = InputMapping()
        mapping.columns = columns
        mapping.dateOrder = order
        mapping.durationUnit = unit
        mapping.missing = missing
        mapping.decimalSeparator = decimal
        mapping.oneRowPerContact = perContact
        return mapping
    }
}
