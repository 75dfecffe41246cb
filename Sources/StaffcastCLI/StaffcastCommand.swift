import Foundation
import StaffcastCore

/// One type per subcommand: it declares its options (each with its help text), validates them in
/// `init` (before any work), and does the work in `run()`.
protocol Command {
    static var name: String { get }
    static var abstract: String { get }
    /// The flags in brief, after `staffcast <name>` on the usage line.
    static var synopsis: String { get }
    /// What the command does, between the usage line and the options.
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    init(_ arguments: ParsedArguments) throws(CLIError)
    func run() throws(CLIError)
}

extension Command {
    /// The full `--help` text after `Usage: staffcast <name> `: the synopsis, the discussion and
    /// every option with its help, in declaration order.
    static var help: String {
        synopsis + "\n\n" + discussion + "\n\n" + options.map(\.helpText).joined(separator: "\n") + "\n"
    }
}

/// The `staffcast` command: dispatches to the subcommands and maps every error to sysexits.
public enum StaffcastCommand {
    static let commands: [any Command.Type] = [
        InspectCommand.self, ForecastCommand.self, BacktestCommand.self,
        ErlangCommand.self, StaffCommand.self, PlanCommand.self, RosterCommand.self, ScheduleCommand.self, SimulateCommand.self, CalendarCommand.self,
    ]

    public static let version = "0.1.0"

    static var overview: String {
        var text = """
        staffcast \(version) — contact-center staffing: forecast contacts, staff them, plan the week.

        Usage: staffcast <command> [options]   (staffcast <command> --help for its options)

        Commands:

        """
        for command in commands {
            text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.abstract + "\n"
        }
        text += "\nExit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 missing dependency, 70 internal error, 73 cannot write, 75 output locked by another run.\n"
        return text
    }

    public static func main(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            Console.error(overview)
            return ExitCode.usage
        }
        if first == "--help" || first == "-h" || first == "help" {
            Console.out(overview)
            return ExitCode.success
        }
        if first == "--version" {
            Console.out("staffcast \(version)\n")
            return ExitCode.success
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
            Console.out("Usage: staffcast \(command.name) \(command.help)\n")
            return ExitCode.success
        }
        do {
            let parsed = try ArgumentScanner.scan(rest, options: command.options, command: command.name)
            let instance = try command.init(parsed)
            try instance.run()
            return ExitCode.success
        } catch {
            Console.error("staffcast \(command.name): \(error.description)\n")
            if case .usage = error { Console.error("Run 'staffcast \(command.name) --help' for its options.\n") }
            return ExitCode.of(error)
        }
    }
}

/// Standard output for results, standard error for messages and progress.
enum Console {
    static func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    static func error(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// Progress lines only when a person is watching (stderr is a terminal), never in cron logs.
    static let showsProgress = isatty(2) == 1

    static func progress(_ text: String) {
        if showsProgress { error("\r\u{1B}[K" + text) }
    }

    static func progressDone() {
        if showsProgress { error("\r\u{1B}[K") }
    }
}
