import Foundation
import StaffcastCore

/// The demo web shop's team (`datasets/webshop_team.csv`, 344 agents) and larger teams of the same
/// mix (`staffcast-bench roster-scale`: 1,000), in the team CSV the roster reads.
///
/// Sized from what the shop needs, measured on its 2025-W41…W44 requirement (`staffcast roster
/// --coverage`): about 8,700 scheduled agent-hours a week — WhatsApp 3,400 around the clock
/// (evening peak ≈ 88 at 20:00, 8–15 at night), chat 2,500 (08:00–22:00), phone 1,760
/// (08:00–20:00, none on Sunday), e-mail 800, social 230 — with a busier first week. `capacity`
/// asks for 256 heads on its p80 plan; a roster that keeps the Working Hours Act and each agent's
/// limits needs more contract hours than the requirement (shift lengths against the curve, unpaid
/// breaks, weekends, rests, a free Sunday in four weeks), so the team carries about 17 % more
/// maximum contract hours than the requirement, blended the way a real centre is: full-timers on
/// the daytime channels, blended chat/WhatsApp agents, late agents (14:00–01:00) for the evening
/// peak, part-timers and students for evenings and weekends, night workers on WhatsApp and chat.
/// The mix was tuned until the demo's four-week roster covered 99 % of every week.
///
/// The same agent count and seed give the same bytes: our own ``Xoshiro256StarStar``, nothing
/// from the clock.
public enum DemoTeam {
    public static let header =
        "id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end"

    /// One kind of agent: how many of them in the 344-agent demo team, their skills and contract.
    struct Kind {
        var count: Int
        var skills: String
        var minHours: Int
        var maxHours: Int
        /// Per week; nil: one a day at most.
        var maxShifts: Int?
        var maxDaysInARow: Int
        var minDaysOffInARow: Int
        var earliestStart: String
        var latestEnd: String

        /// The columns after `name`.
        var columns: String {
            "\(skills),\(minHours),\(maxHours),\(maxShifts.map(String.init) ?? ""),\(maxDaysInARow),\(minDaysOffInARow),1,\(earliestStart),\(latestEnd)"
        }
    }

    public static let demoAgents = 344

    static let kinds: [Kind] = [
        // Daytime full-timers on phone, e-mail and social, and all-rounders.
        Kind(
            count: 36, skills: "phone>chat", minHours: 32, maxHours: 40, maxDaysInARow: 5, minDaysOffInARow: 2,
            earliestStart: "07:00", latestEnd: "21:00"),
        Kind(
            count: 18, skills: "phone>email", minHours: 32, maxHours: 38, maxDaysInARow: 5, minDaysOffInARow: 2,
            earliestStart: "07:00", latestEnd: "21:00"),
        Kind(
            count: 12, skills: "phone>chat>whatsapp>email>social", minHours: 36, maxHours: 40, maxDaysInARow: 5,
            minDaysOffInARow: 2, earliestStart: "07:00", latestEnd: "23:00"),
        Kind(
            count: 22, skills: "email>social", minHours: 32, maxHours: 38, maxDaysInARow: 5, minDaysOffInARow: 2,
            earliestStart: "07:00", latestEnd: "22:00"),
        Kind(
            count: 12, skills: "social>whatsapp|chat", minHours: 30, maxHours: 36, maxDaysInARow: 5,
            minDaysOffInARow: 2, earliestStart: "08:00", latestEnd: "23:00"),
        // Blended chat and WhatsApp full-timers.
        Kind(
            count: 50, skills: "chat|whatsapp>social", minHours: 32, maxHours: 40, maxDaysInARow: 5,
            minDaysOffInARow: 2, earliestStart: "07:00", latestEnd: "23:00"),
        Kind(
            count: 38, skills: "whatsapp>chat", minHours: 32, maxHours: 38, maxDaysInARow: 5, minDaysOffInARow: 2,
            earliestStart: "08:00", latestEnd: "23:00"),
        // Part-timers: late shifts for the evening peak, days on phone and e-mail.
        Kind(
            count: 48, skills: "whatsapp|chat", minHours: 24, maxHours: 32, maxShifts: 5, maxDaysInARow: 5,
            minDaysOffInARow: 1, earliestStart: "14:00", latestEnd: "01:00"),
        Kind(
            count: 16, skills: "phone|chat>whatsapp", minHours: 20, maxHours: 24, maxShifts: 4, maxDaysInARow: 4,
            minDaysOffInARow: 1, earliestStart: "08:00", latestEnd: "22:00"),
        Kind(
            count: 10, skills: "email|phone", minHours: 20, maxHours: 24, maxShifts: 4, maxDaysInARow: 4,
            minDaysOffInARow: 1, earliestStart: "08:00", latestEnd: "22:00"),
        // Students: evenings and weekends.
        Kind(
            count: 46, skills: "chat|whatsapp", minHours: 12, maxHours: 16, maxShifts: 4, maxDaysInARow: 3,
            minDaysOffInARow: 1, earliestStart: "16:00", latestEnd: "01:00"),
        Kind(
            count: 14, skills: "chat|whatsapp>phone", minHours: 12, maxHours: 16, maxShifts: 3, maxDaysInARow: 3,
            minDaysOffInARow: 1, earliestStart: "08:00", latestEnd: "23:00"),
        // Night workers (22:00–08:30).
        Kind(
            count: 22, skills: "whatsapp|chat", minHours: 30, maxHours: 36, maxDaysInARow: 4, minDaysOffInARow: 2,
            earliestStart: "22:00", latestEnd: "08:30"),
    ]

    static let firstNames = [
        "Amira", "Anna", "Bas", "Bram", "Cas", "Chloe", "Daan", "Dewi", "Emma", "Eva", "Finn", "Fleur", "Gijs",
        "Hanna", "Ilse", "Jesse", "Kim", "Lars", "Maud", "Noah", "Olga", "Pim", "Quinten", "Roos", "Sven", "Tess",
        "Umut", "Vera", "Wout", "Xena", "Yara", "Zeno",
    ]
    static let lastNames = [
        "Bakker", "Bos", "Brouwer", "Dekker", "Hendriks", "Jansen", "Kaya", "Meijer", "Mulder", "Peters", "Smit",
        "Visser", "Vos", "Willems", "Yilmaz", "de Boer", "de Groot", "de Vries", "van Dijk", "van Leeuwen",
    ]

    /// How many agents of each kind a team of `agents` has: the demo's counts scaled and rounded,
    /// the first kind taking what rounding leaves.
    static func counts(agents: Int) -> [Int] {
        var counts = kinds.map { Int((Double($0.count * agents) / Double(demoAgents)).rounded()) }
        counts[0] = max(0, counts[0] + agents - counts.reduce(0, +))
        return counts
    }

    /// The team CSV (header and `agents` rows; ids `A001`…, four digits from 1,000 agents), the
    /// same bytes for the same arguments.
    public static func csv(agents: Int = demoAgents, seed: UInt64 = 2_025) -> String {
        var random = Xoshiro256StarStar(seed: seed)
        var members: [Kind] = []
        for (kind, count) in zip(kinds, counts(agents: agents)) { members += Array(repeating: kind, count: count) }
        // Fisher–Yates with our own generator, so the kinds are spread over the ids.
        if members.count > 1 {
            for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, random.integer(in: 0...i)) }
        }
        let width = max(3, String(agents).count)
        var text = header + "\n"
        for (i, kind) in members.enumerated() {
            let first = firstNames[random.integer(in: 0...(firstNames.count - 1))]
            let last = lastNames[random.integer(in: 0...(lastNames.count - 1))]
            let number = String(i + 1)
            let id = "A" + String(repeating: "0", count: max(0, width - number.count)) + number
            text += "\(id),\(first) \(last),\(kind.columns)\n"
        }
        return text
    }
}
