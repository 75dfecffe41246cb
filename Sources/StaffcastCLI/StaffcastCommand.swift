import Foundation
import StaffcastCore

/// One type per subcommand: it declares its options (each with its help text), validates them in
/// `init` (before any work), and does the work in `run()`. Both throw whatever the modules throw;
/// the dispatcher lifts it once (`CLIError(lifting:)`) and maps it to an exit code.
protocol Command {
    static var name: String { get }
    static var abstract: String { get }
    /// What the command does, between the usage line and the options.
    static var discussion: String { get }
    /// Whole command lines, shown under "Examples:" after the discussion (none by default).
    static var examples: [String] { get }
    /// Each with its presence (required, optional, one of a group): the usage line is made from
    /// them (`synopsis`), and the option list from their help.
    static var options: [OptionSpec] { get }
    init(_ arguments: ParsedArguments) throws
    func run() throws
}

extension Command {
    /// The flags in brief, after `staffcast <name>` on the usage line, from the declarations.
    static var synopsis: String { OptionSpec.synopsis(options) }

    static var examples: [String] { [] }

    /// The full `--help` text after `Usage: staffcast <name> `: the synopsis, the discussion, the
    /// examples and every option with its help, in declaration order.
    static var help: String {
        var text = synopsis + "\n\n" + discussion + "\n\n"
        if !examples.isEmpty {
            text += "Examples:\n" + examples.map { "  " + $0 + "\n" }.joined() + "\n"
        }
        return text + options.map(\.helpText).joined(separator: "\n") + "\n"
    }
}

/// The `staffcast` command: dispatches to the subcommands and maps every error to sysexits.
public enum StaffcastCommand {
    static let commands: [any Command.Type] = [
        InspectCommand.self, ForecastCommand.self, BacktestCommand.self,
        ErlangCommand.self, StaffCommand.self, PlanCommand.self, CapacityCommand.self, RosterCommand.self,
        ScheduleCommand.self, SimulateCommand.self, CalendarCommand.self,
        ReviewCommand.self, ReforecastCommand.self,
    ]

    public static let version = "0.1.0"

    static var overview: String {
        var text = """
            staffcast \(version) — contact-center staffing: forecast contacts, staff them, plan the week.

            Usage: staffcast <command> [options]   (staffcast <command> --help for its options)

            Commands:

            """
        // Names padded to the longest (`reforecast`) and two spaces.
        let width = max(10, (commands.map { $0.name.count }.max() ?? 0) + 2)
        for command in commands {
            text += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.abstract + "\n"
        }
        text +=
            "\nExit codes: " + ExitCode.allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ") + ".\n"
        return text
    }

    public static func main(_ arguments: [String]) -> Int32 {
        // A reader that closes the pipe early makes write(2) fail with EPIPE instead of killing us.
        signal(SIGPIPE, SIG_IGN)
        StageProfile.start()
        let status = dispatch(arguments)
        if let profile = StageProfile.report() { Console.error(profile) }
        return (status == .success && Console.errorStreamFailed ? .ioError : status).rawValue
    }

    static func dispatch(_ arguments: [String]) -> ExitCode {
        guard let first = arguments.first else {
            Console.error(overview)
            return ExitCode.usage
        }
        if first == "--help" || first == "-h" || first == "help" {
            return printing(overview)
        }
        if first == "--version" {
            return printing("staffcast \(version)\n")
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            var message = "staffcast: unknown command '\(first)'"
            if let suggestion = ArgumentScanner.closest(first, among: commands.map { $0.name }) {
                message += "; did you mean '\(suggestion)'?"
            }
            Console.error(message + "\nRun 'staffcast --help' for the list of commands.\n")
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            return printing("Usage: staffcast \(command.name) \(command.help)\n")
        }
        do {
            let parsed = try ArgumentScanner.scan(rest, options: command.options, command: command.name)
            let instance = try command.init(parsed)
            try instance.run()
            return ExitCode.success
        } catch {
            let failure = CLIError(lifting: error)
            Console.error("staffcast \(command.name): \(failure.description)\n")
            if case .usage = failure { Console.error("Run 'staffcast \(command.name) --help' for its options.\n") }
            return ExitCode.of(failure)
        }
    }

    /// Prints `text` on standard output: success, or 74 when it cannot be written.
    static func printing(_ text: String) -> ExitCode {
        do throws(CoreError) { try Console.out(text) } catch {
            Console.error("staffcast: \(error.description)\n")
            return ExitCode.of(error)
        }
        return ExitCode.success
    }
}

/// Standard output for results, standard error for messages and progress. A failed write to
/// standard output is an error (exit 74); one to standard error is remembered and ends the run
/// with 74 too, once the work is done.
enum Console {
    nonisolated(unsafe) static var errorStreamFailed = false

    static func out(_ text: String) throws(CoreError) {
        try StandardStream.write(Data(text.utf8), to: 1)
    }

    static func error(_ text: String) {
        do { try StandardStream.write(Data(text.utf8), to: 2) } catch { errorStreamFailed = true }
    }

    /// Progress lines only when a person is watching (stderr is a terminal), never in cron logs.
    static let showsProgress = isatty(2) == 1

    static func progress(_ text: String) {
        if showsProgress { error("\r\u{1B}[K" + text) }
    }

    static func progressDone() {
        if showsProgress { error("\r\u{1B}[K") }
    }

    /// What a planning run hears, for a command with `--quiet`: progress lines (on a terminal)
    /// and each warning as it is found, both silent when quiet (errors still go to stderr).
    static func planningListeners(quiet: Bool) -> (progress: ((String) -> Void)?, warning: ((String) -> Void)?) {
        guard !quiet else { return (nil, nil) }
        return (
            { progress($0) },
            { text in
                progressDone()
                error("warning: \(text)\n")
            }
        )
    }
}
