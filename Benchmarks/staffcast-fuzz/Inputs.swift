/// What a fuzz case can mutate: one input file of a kind, or the argument vector.
enum InputKind: String, CaseIterable {
    case historyLong = "history-long"
    case historySingle = "history-single"
    case historyDST = "history-dst"
    case historyOffset = "history-offset"
    case historyDecimalComma = "history-decimal-comma"
    case config
    case events
    case forecast
    case requirements
    case staffing
    case arrivals
    /// The actuals `review` and `reforecast` hold a published plan against (a history file).
    case actuals
    /// The roster's team, requests and previous week's roster (the config's `"team"`).
    case team
    case requests
    case previousRoster = "previous-roster"
    /// A published plan folder's files (`plan/…`): read by `review` and `reforecast`, never
    /// mutated (they are hash-checked against the manifest).
    case published
    case argv

    var isHistory: Bool { rawValue.hasPrefix("history") || self == .arrivals || self == .actuals }
    var isCSV: Bool { self != .config && self != .argv && self != .published }
    /// Whether cases mutate this kind (the published plan's files are fixed).
    var isMutable: Bool { self != .published }
}

/// One input file of a scenario.
struct InputFile {
    var name: String
    var kind: InputKind
    var bytes: [UInt8]
}

/// A valid run of one command: its arguments (file names relative to the case's folder), its
/// input files and what it writes. Every scenario exits 0 unmutated (checked before fuzzing).
struct Scenario {
    var command: String
    var name: String
    var arguments: [String]
    var files: [InputFile]
    /// Files (relative) written on success; "reports" for `plan` (a folder).
    var outputs: [String]
    var timeoutSeconds: Double
    /// What the planted mutations need to know about the inputs.
    var timezone: String = "UTC"

    var label: String { "\(command)/\(name)" }
    var arguments0: [String] { [command] + arguments }
}

/// One generated case: the scenario's inputs with one of them mutated.
struct FuzzCase {
    var number: Int
    var scenario: Scenario
    var target: InputKind
    /// The mutated file, nil for the argument vector.
    var targetFile: String?
    var files: [InputFile]
    var arguments: [String]
    var mutations: [String]
    /// The documented bound this case breaks on purpose: it must not exit 0.
    var planted: String?

    var fullArguments: [String] { [scenario.command] + arguments }
    var argumentsMutated: Bool { target == .argv }
}
