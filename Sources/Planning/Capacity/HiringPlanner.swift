/// The hiring plan of one channel: required FTE per week against the FTE the team will have, and
/// the hires that close the gap, each started as late as its training and ramp-up allow.
///
/// Available output in week `w` (0 = the first planned week), with attrition `a` per week:
///
///     available(w) = H₀ (1 − a)^w + Σ_cohorts n_c · f · p(w − s_c) · (1 − a)^(w − s_c)
///
/// where `H₀` is today's productive FTE, a cohort of `n_c` people of `f` FTE each starts in week
/// `s_c ≤ w`, and `p(k)` is a new hire's output `k` weeks after starting (0 while training, the
/// ramp-up shares, then 1). Attrition is the usual constant weekly leaving rate of workforce
/// planning (e.g. Amazon Connect's and NICE's capacity plans).
///
/// Weeks are visited in order. A week whose required FTE exceeds what is available by more than
/// `tolerance` gets a cohort started in the latest week from which it is at full output by then,
/// `s = w − training − ramp-up` (rounded down to a class start when new hires start only every
/// `hire_every_weeks` weeks), with `n = ⌈gap / (f (1 − a)^(w − s))⌉` people. Weeks before
/// the first one a hire started now reaches at full output (`w < training + ramp-up`) get no
/// cohort of their own — hiring more people to cover a ramp-up week would leave a surplus for
/// months — and what they are still short after the other cohorts is reported as too late for
/// hiring (overtime, temporary agents or a lower target). Cohorts starting in the same week are
/// merged.
public enum HiringPlanner {
    /// A cohort of hires starting together.
    public struct Cohort: Sendable, Equatable {
        /// Planned week the cohort starts in (0 = the first).
        public var startWeek: Int
        public var count: Int
        /// The first week whose gap made this cohort necessary.
        public var forWeek: Int
        /// True for hires the config already decided; false for hires the plan recommends.
        public var planned: Bool
    }

    public struct Result: Sendable, Equatable {
        /// FTE available per week with the planned hires only.
        public var availableBefore: [Double]
        /// FTE available per week with the planned and recommended hires.
        public var availableAfter: [Double]
        /// Recommended cohorts, by start week.
        public var recommended: [Cohort]
        /// Weeks still short that a hire started in week 0 does not reach at full output.
        public var tooLate: [Int]
    }

    /// The largest cohort the plan recommends; a gap that would need more is reported instead.
    public static let maximumCohort = 1_000_000

    /// Gaps below this many FTE are not worth a hire (rounding noise of the required FTE).
    public static let tolerance = 1e-6

    /// The plan for `required` FTE per week (at the quantile the gap is closed at), starting from
    /// `settings.headcount[channel]` with `planned` cohorts already decided.
    public static func plan(
        required: [Double], headcount: Double, settings: CapacitySettings,
        planned: [Cohort] = []
    ) -> Result {
        let weeks = required.count
        let before = available(weeks: weeks, headcount: headcount, cohorts: planned, settings: settings)
        var after = before
        var recommended: [Cohort] = []
        var unreachable: [Int] = []
        for w in settings.weeksToFullOutput..<max(weeks, settings.weeksToFullOutput) {
            let gap = required[w] - after[w]
            guard gap > tolerance else { continue }
            // The latest class start (every `hireEveryWeeks` weeks from the first) at full output by week w.
            let every = max(1, settings.hireEveryWeeks)
            let start = (w - settings.weeksToFullOutput) / every * every
            let output = settings.hireFTE * survival(w - start, settings)
            // With attrition near 1 a cohort all but vanishes before it is productive: no count
            // of hires closes the gap (and the division must not reach an integer trap).
            let needed = (gap / output - 1e-9).rounded(.up)
            guard output > 0, needed.isFinite, needed <= Double(maximumCohort) else {
                unreachable.append(w)
                continue
            }
            let count = max(1, Int(needed))
            let cohort = Cohort(startWeek: start, count: count, forWeek: w, planned: false)
            if let k = recommended.firstIndex(where: { $0.startWeek == start }) {
                recommended[k].count += count
            } else {
                recommended.append(cohort)
            }
            // The new cohort adds its output from its start on (the same terms, in the same order,
            // as recomputing `available` with it).
            for v in start..<weeks { after[v] += contribution(of: cohort, inWeek: v, settings) }
        }
        let tooLate =
            ((0..<min(settings.weeksToFullOutput, weeks)).filter { required[$0] - after[$0] > tolerance } + unreachable)
            .sorted()
        recommended.sort { $0.startWeek < $1.startWeek }
        return Result(availableBefore: before, availableAfter: after, recommended: recommended, tooLate: tooLate)
    }

    /// `available(w)` above for every week.
    public static func available(weeks: Int, headcount: Double, cohorts: [Cohort], settings: CapacitySettings)
        -> [Double]
    {
        (0..<weeks).map { w in
            var total = headcount * survival(w, settings)
            for cohort in cohorts where cohort.startWeek <= w { total += contribution(of: cohort, inWeek: w, settings) }
            return total
        }
    }

    /// `n_c f p(w − s_c) (1 − a)^(w − s_c)`: a cohort's FTE in week `w` (on or after its start).
    static func contribution(of cohort: Cohort, inWeek w: Int, _ settings: CapacitySettings) -> Double {
        let k = w - cohort.startWeek
        return Double(cohort.count) * settings.hireFTE * settings.productivity(weeksSinceStart: k)
            * survival(k, settings)
    }

    /// (1 − a)^k: the share of agents still there after `k` weeks.
    static func survival(_ k: Int, _ settings: CapacitySettings) -> Double {
        var s = 1.0
        for _ in 0..<max(k, 0) { s *= 1 - settings.attritionPerWeek }
        return s
    }
}
