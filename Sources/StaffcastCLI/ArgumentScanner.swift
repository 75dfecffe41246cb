import StaffcastCore

/// A small hand-written argument scanner in the shape of swift-argument-parser: each command
/// declares its options, the scanner checks them all before the command runs, and unknown flags
/// get a "did you mean …?" hint.
struct OptionSpec {
    /// Whether a command needs the option, as the usage line shows it.
    enum Presence: Equatable {
        /// Always needed: `--name VALUE`.
        case required
        /// `[--name VALUE]`.
        case optional
        /// One of the options with this key is needed: `(--sl P/T | --asa SECONDS)`. A finer rule
        /// (not needed with `--agents`) is stated in the options' help.
        case alternative(String)
    }

    /// Without the leading "--".
    let name: String
    /// What the value is, as `--help` shows it (`FILE`, `D`); nil for a flag without a value.
    let valueName: String?
    let repeatable: Bool
    /// One line or more for `--help`; continuation lines are indented under the first.
    let help: String
    let presence: Presence
    /// A shared group of optional options the usage line shows as one label
    /// (`[input mapping: --format NAME | --columns ROLE=HEADER,… | …]`); nil: shown itself.
    private(set) var group: String?

    var takesValue: Bool { valueName != nil }

    /// An option with a value: `OptionSpec("history", "FILE", "contact history CSV", presence: .required)`.
    init(
        _ name: String, _ valueName: String, _ help: String, repeatable: Bool = false, presence: Presence = .optional
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.presence = presence
        self.group = nil
    }

    /// A flag without a value: `OptionSpec(flag: "json", "print JSON")`; always optional.
    init(flag name: String, _ help: String) {
        self.name = name
        self.valueName = nil
        self.help = help
        self.repeatable = false
        self.presence = .optional
        self.group = nil
    }

    /// `--name VALUE` (`--name` for a flag), as the usage line and the option list write it.
    var usage: String { "--" + name + (valueName.map { " " + $0 } ?? "") }

    /// The same option in a shared group (see `group`).
    func grouped(_ label: String) -> OptionSpec {
        var option = self
        option.group = label
        return option
    }

    /// `  --name VALUE          help`, the help starting in column 25 (on the next line when the
    /// name is longer), continuation lines indented to match.
    var helpText: String {
        let label = "  " + usage
        let indent = String(repeating: " ", count: 24)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var text =
            label.count <= 22
            ? label.padding(toLength: 24, withPad: " ", startingAt: 0) + lines[0]
            : label + "  " + lines[0]
        for line in lines.dropFirst() { text += "\n" + indent + line }
        return text
    }
}

extension OptionSpec {
    /// The usage line of a command with these options: the required ones in declaration order,
    /// then each alternative group `(--a V | --b V)`, then the optional ones `[--c V]` (`…` when
    /// repeatable), a shared group as one label with its first two options
    /// (`[input mapping: --format NAME | --columns ROLE=HEADER,… | …]`) where its first option is.
    static func synopsis(_ options: [OptionSpec]) -> String {
        var required: [String] = []
        var alternatives: [(key: String, members: [String])] = []
        var optional: [String] = []
        var groups: Set<String> = []
        for option in options {
            switch option.presence {
            case .required:
                required.append(option.usage + (option.repeatable ? "…" : ""))
            case .alternative(let key):
                if let k = alternatives.firstIndex(where: { $0.key == key }) {
                    alternatives[k].members.append(option.usage)
                } else {
                    alternatives.append((key, [option.usage]))
                }
            case .optional:
                if let group = option.group {
                    guard groups.insert(group).inserted else { continue }
                    let members = options.filter { $0.group == group }
                    let shown = members.prefix(2).map(\.usage) + (members.count > 2 ? ["…"] : [])
                    optional.append("[\(group): " + shown.joined(separator: " | ") + "]")
                } else {
                    optional.append("[" + option.usage + "]" + (option.repeatable ? "…" : ""))
                }
            }
        }
        let oneOf = alternatives.map { "(" + $0.members.joined(separator: " | ") + ")" }
        return (required + oneOf + optional).joined(separator: " ")
    }
}

struct ParsedArguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) || values[name] != nil }

    func required(_ name: String) throws(CLIError) -> String {
        guard let v = value(name) else { throw .usage("missing required option --\(name)") }
        return v
    }

    func double(_ name: String) throws(CLIError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let v = Double(text), v.isFinite else {
            throw .usage("--\(name): expected a number, got '\(text)'")
        }
        return v
    }

    func integer(_ name: String, range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let v = Int(text), range.contains(v) else {
            throw .usage(
                "--\(name): expected a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return v
    }

    func duration(_ name: String) throws(CLIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let v = Durations.parse(text) else {
            throw .usage("--\(name): expected a duration such as 90s, 15m, 30m, 1h, 7d or 2w, got '\(text)'")
        }
        return v
    }

    mutating func add(_ name: String, _ value: String?) {
        if let value { values[name, default: []].append(value) } else { flags.insert(name) }
    }
}

enum ArgumentScanner {
    static func scan(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError) -> ParsedArguments
    {
        var parsed = ParsedArguments()
        var i = 0
        let byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw .usage("unexpected argument '\(argument)' for '\(command)'; options start with --")
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = byName[name] else {
                var message = "unknown option --\(name) for '\(command)'"
                if let suggestion = closest(name, among: options.map(\.name)) {
                    message += "; did you mean --\(suggestion)?"
                }
                throw .usage(message)
            }
            if !spec.repeatable, parsed.has(name) {
                throw .usage("--\(name) given more than once")
            }
            if spec.takesValue {
                if let inlineValue {
                    parsed.add(name, inlineValue)
                } else {
                    guard i + 1 < arguments.count else { throw .usage("--\(name) needs a value") }
                    parsed.add(name, arguments[i + 1])
                    i += 1
                }
            } else {
                guard inlineValue == nil else { throw .usage("--\(name) takes no value") }
                parsed.add(name, nil)
            }
            i += 1
        }
        return parsed
    }

    /// The option nearest to `name` by edit distance, when it is close enough to be a typo.
    static func closest(_ name: String, among candidates: [String]) -> String? {
        Suggestion.closest(name, among: candidates)
    }
}
