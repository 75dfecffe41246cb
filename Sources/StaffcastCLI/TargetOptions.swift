import Foundation
import Planning
import Queueing

/// The staffing-target flags of `erlang` and `staff`, parsed once and validated by the same
/// `ChannelSettings.policy` as a plan config's channel entry (`ChannelSetting` maps each flag to
/// its config key). At least one target is needed: `--sl`, `--asa` and `--max-abandon` form the
/// alternative group "target" (`staff --config` joins it).
struct TargetOptions {
    static let specs = [
        OptionSpec(
            "sl", "P/T", "service-level target: P % answered within T seconds (80/20)", presence: .alternative("target")
        ),
        OptionSpec("asa", "SECONDS", "average-speed-of-answer target in seconds", presence: .alternative("target")),
        OptionSpec("max-occupancy", "F", "occupancy cap, a fraction in (0, 1] (e.g. 0.85)"),
        OptionSpec("shrinkage", "F", "share of paid time off the phones, in [0, 1) (e.g. 0.3)"),
        OptionSpec(
            "patience", "SECONDS", "mean time callers wait before hanging up: staff by Erlang A (abandon_rate filled)"),
        OptionSpec(
            "max-abandon", "F", "highest acceptable share of abandoned contacts, in (0, 1] (needs --patience)",
            presence: .alternative("target")),
        OptionSpec(
            "concurrency", "K",
            "chat: conversations an agent holds at once, a whole number from 1 to \(ChatConcurrency.maximumConcurrency) (default 1; not with --patience)"
        ),
        OptionSpec(
            "aht-by-concurrency", "S1,S2,…",
            "chat: comma-separated AHT in seconds at concurrency 1…K (e.g. 300,360,420);\nK defaults to the list's length"
        ),
        OptionSpec(
            flag: "force", "accept shrinkage above 0.95 and occupancy caps below 0.05 (refused as likely typos)"),
    ]

    /// Flags of this group (for "cannot be combined with --config").
    static var flags: [String] { specs.map(\.name).filter { $0 != "force" } }

    let settings: ChannelSettings

    /// `aht`: the handle time flag's value, when the command has one.
    init(_ arguments: ParsedArguments, aht: Double?) throws(CLIError) {
        var levels: [Double]? = nil
        if let text = arguments.value("aht-by-concurrency") {
            var list: [Double] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let x = Double(part.trimmingCharacters(in: .whitespaces)), x.isFinite else {
                    throw .usage(
                        "--aht-by-concurrency: expected comma-separated positive seconds up to 86400 (300,360,420), got '\(text)'"
                    )
                }
                list.append(x)
            }
            levels = list
        }
        settings = ChannelSettings(
            ahtSeconds: aht, serviceLevel: arguments.value("sl"), asaSeconds: try arguments.double("asa"),
            maxOccupancy: try arguments.double("max-occupancy"), shrinkage: try arguments.double("shrinkage"),
            patience: try arguments.double("patience"), maxAbandonRate: try arguments.double("max-abandon"),
            concurrency: try arguments.double("concurrency"),
            ahtByConcurrency: levels)
    }

    /// The validated policy; an error names the flag.
    func policy(requiresTarget: Bool = true, force: Bool) throws(CLIError) -> ChannelPolicy {
        do throws(ChannelSettingError) {
            return try settings.policy(naming: .flags, requiresTarget: requiresTarget, force: force)
        } catch {
            throw .usage("--\(error.setting.flag): \(error.message)")
        }
    }
}
