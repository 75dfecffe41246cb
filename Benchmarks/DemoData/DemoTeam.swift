import Foundation
import StaffcastCore

/// A generated team for the demo web shop's five channels, in the team CSV the roster reads
/// (`id,name,skills,min_hours,…,latest_end`), for rostering at scale (`staffcast-bench
/// roster-scale`). The mix follows the bundled 160-agent team (datasets/webshop_team.csv):
/// - full-timers (55 %), 32–40 h a week, five days in a row at most, from 06:00 or 07:00;
/// - part-timers (23 %), 20–24 h and four shifts a week, evenings (15:00–23:00) or days
///   (07:00–16:00);
/// - students (15 %), 12–16 h and three shifts a week, evenings (16:00–23:00) or any time from
///   08:00 (for the weekends);
/// - night workers (7 %), 28–36 h, 22:00–08:00, chat or WhatsApp;
///
/// and skills blended as in the bundled team (phone, phone>chat, chat>whatsapp>social, …), drawn
/// with weights near each channel's share of the required hours. The same agent count and seed
/// give the same bytes: our own ``Xoshiro256StarStar``, nothing from the clock.
public enum DemoTeam {
    public static let header =
        "id,name,skills,min_hours,max_hours,max_shifts,max_days_in_a_row,min_days_off_in_a_row,max_weekends,earliest_start,latest_end"

    /// One contract: the columns after `skills`.
    struct Contract {
        var minHours: Int
        var maxHours: Int
        /// Per week; nil: one a day at most.
        var maxShifts: Int?
        var maxDaysInARow: Int
        var minDaysOffInARow: Int
        var maxWeekends: Int
        var earliestStart: String
        var latestEnd: String

        var columns: String {
            "\(minHours),\(maxHours),\(maxShifts.map(String.init) ?? ""),\(maxDaysInARow),\(minDaysOffInARow),\(maxWeekends),\(earliestStart),\(latestEnd)"
        }
    }

    /// The kinds of contract, each with its share of the team and its variants (one drawn per agent).
    enum Kind: CaseIterable {
        case fullTime, partTime, student, night

        var share: Double {
            switch self {
            case .fullTime: 0.55
            case .partTime: 0.23
            case .student: 0.15
            case .night: 0.07
            }
        }

        var contracts: [Contract] {
            switch self {
            case .fullTime:
                [
                    Contract(
                        minHours: 32, maxHours: 40, maxDaysInARow: 5, minDaysOffInARow: 2, maxWeekends: 1,
                        earliestStart: "07:00", latestEnd: "22:00"),
                    Contract(
                        minHours: 36, maxHours: 40, maxDaysInARow: 5, minDaysOffInARow: 2, maxWeekends: 1,
                        earliestStart: "06:00", latestEnd: "22:00"),
                    Contract(
                        minHours: 32, maxHours: 36, maxDaysInARow: 5, minDaysOffInARow: 2, maxWeekends: 1,
                        earliestStart: "06:00", latestEnd: "23:00"),
                ]
            case .partTime:
                [
                    Contract(
                        minHours: 20, maxHours: 24, maxShifts: 4, maxDaysInARow: 4, minDaysOffInARow: 1, maxWeekends: 1,
                        earliestStart: "15:00", latestEnd: "23:00"),
                    Contract(
                        minHours: 20, maxHours: 24, maxShifts: 4, maxDaysInARow: 4, minDaysOffInARow: 1, maxWeekends: 1,
                        earliestStart: "07:00", latestEnd: "16:00"),
                ]
            case .student:
                [
                    Contract(
                        minHours: 12, maxHours: 16, maxShifts: 3, maxDaysInARow: 3, minDaysOffInARow: 1, maxWeekends: 1,
                        earliestStart: "16:00", latestEnd: "23:00"),
                    Contract(
                        minHours: 12, maxHours: 16, maxShifts: 3, maxDaysInARow: 3, minDaysOffInARow: 1, maxWeekends: 1,
                        earliestStart: "08:00", latestEnd: "23:00"),
                ]
            case .night:
                [
                    Contract(
                        minHours: 28, maxHours: 36, maxDaysInARow: 4, minDaysOffInARow: 2, maxWeekends: 1,
                        earliestStart: "22:00", latestEnd: "08:00")
                ]
            }
        }
    }

    /// The day workers' skill sets (those of the bundled team) and their weights: near the channels'
    /// shares of the required agent-hours at 3.9× the demo's volumes (2025-W41: WhatsApp 39 %, chat
    /// 28 %, phone 21 %, e-mail 10 %, social 2 %), the night workers taking part of WhatsApp's.
    static let daySkills: [(skills: String, weight: Double)] = [
        ("phone", 8),
        ("phone>chat", 9),
        ("phone>chat>whatsapp>email>social", 4),
        ("chat>whatsapp>social", 14),
        ("chat|whatsapp>email", 18),
        ("whatsapp>chat>email", 22),
        ("email>social", 6),
        ("email", 4),
        ("social>whatsapp", 3),
    ]
    static let nightSkills = "chat|whatsapp"

    static let firstNames = [
        "Amira", "Anna", "Bas", "Bram", "Cas", "Chloe", "Daan", "Dewi", "Emma", "Eva", "Finn", "Fleur", "Gijs",
        "Hanna", "Ilse", "Jesse", "Kim", "Lars", "Maud", "Noah", "Olga", "Pim", "Quinten", "Roos", "Sven", "Tess",
        "Umut", "Vera", "Wout", "Xena", "Yara", "Zeno",
    ]
    static let lastNames = [
        "Bakker", "Bos", "Brouwer", "Dekker", "Hendriks", "Jansen", "Kaya", "Meijer", "Mulder", "Peters", "Smit",
        "Visser", "Vos", "Willems", "Yilmaz", "de Boer", "de Groot", "de Vries", "van Dijk", "van Leeuwen",
    ]

    /// How many agents of each kind a team of `agents` has: the shares rounded, full-timers the rest.
    static func counts(agents: Int) -> [Kind: Int] {
        var counts: [Kind: Int] = [:]
        for kind in Kind.allCases where kind != .fullTime {
            counts[kind] = Int((Double(agents) * kind.share).rounded())
        }
        counts[.fullTime] = max(0, agents - counts.values.reduce(0, +))
        return counts
    }

    /// The team CSV (header and `agents` rows, ids `A0001`…), the same bytes for the same arguments.
    public static func csv(agents: Int, seed: UInt64 = 1_000) -> String {
        var random = Xoshiro256StarStar(seed: seed)
        let counts = counts(agents: agents)
        var kinds: [Kind] = []
        for kind in Kind.allCases { kinds += Array(repeating: kind, count: counts[kind] ?? 0) }
        // Fisher–Yates with our own generator, so the kinds are spread over the ids.
        if kinds.count > 1 {
            for i in stride(from: kinds.count - 1, to: 0, by: -1) {
                kinds.swapAt(i, random.integer(in: 0...i))
            }
        }
        let totalWeight = daySkills.reduce(0) { $0 + $1.weight }
        var text = header + "\n"
        for (i, kind) in kinds.enumerated() {
            let contracts = kind.contracts
            let contract = contracts[random.integer(in: 0...(contracts.count - 1))]
            var skills = nightSkills
            if kind != .night {
                var draw = random.uniform() * totalWeight
                skills = daySkills[daySkills.count - 1].skills
                for entry in daySkills {
                    if draw < entry.weight {
                        skills = entry.skills
                        break
                    }
                    draw -= entry.weight
                }
            }
            let first = firstNames[random.integer(in: 0...(firstNames.count - 1))]
            let last = lastNames[random.integer(in: 0...(lastNames.count - 1))]
            let id = "A" + String(repeating: "0", count: max(0, 4 - String(i + 1).count)) + String(i + 1)
            text += "\(id),\(first) \(last),\(skills),\(contract.columns)\n"
        }
        return text
    }
}
