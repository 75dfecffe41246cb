import DemoData
import Foundation
import Queueing
import StaffcastCore

/// Blended versus separate teams on the demo web shop's chat, WhatsApp and social channels (the
/// ones the bundled team blends): half-hourly volumes of a week from the channel profiles (Monday
/// 2026-01-05), handle times 480, 540 and 240 s, 80 % in 20 s.
/// - Separate: each channel its own team, Erlang C per channel and interval.
/// - Blended: one team with all three skills, Erlang C on the summed traffic at the
///   contact-weighted handle time, rounded up, then raised interval by interval until the
///   simulation (skill-based routing, 20 replications) meets 80/20 on every channel over the week.
/// Prints the agent-hours of both and the simulated service level of each channel under both.
func runBlendingBenchmark() {
    let profiles = ChannelProfile.webshop.filter { ["chat", "whatsapp", "social"].contains($0.name) }
    let intervals = 7 * 48
    var contacts = [[Double]](repeating: [Double](repeating: 0, count: intervals), count: profiles.count)
    for (c, profile) in profiles.enumerated() {
        for d in 0..<7 {
            let shares = profile.intradayShares(weekday: d + 1)
            for slot in 0..<48 {
                contacts[c][d * 48 + slot] =
                    profile.dailyBase * profile.weekdayFactors[d] * (shares[2 * slot] + shares[2 * slot + 1])
            }
        }
    }
    func erlang(_ volume: Double, _ aht: Double) -> Int {
        guard volume > 0 else { return 0 }
        return
            (try? StaffingSolver.solve(
                contacts: volume, intervalSeconds: 1800, ahtSeconds: aht,
                target: StaffingTarget(serviceLevel: 0.8, targetSeconds: 20)
            ).agents) ?? 0
    }
    let separate = profiles.indices.map { c in contacts[c].map { erlang($0, profiles[c].ahtSeconds) } }
    var blended = (0..<intervals).map { t -> Int in
        let volume = profiles.indices.reduce(0.0) { $0 + contacts[$1][t] }
        let work = profiles.indices.reduce(0.0) { $0 + contacts[$1][t] * profiles[$1].ahtSeconds }
        return volume > 0 ? erlang(volume, work / volume) : 0
    }
    func agents(_ staffing: [Int], skills: [Int]) -> [SkillRoutingSetup.Agent] {
        let most = staffing.max() ?? 0
        return (0..<most).map { i in
            var spans: [ClosedRange<Double>] = []
            var t = 0
            while t < intervals {
                guard staffing[t] > i else {
                    t += 1
                    continue
                }
                let start = t
                while t < intervals && staffing[t] > i { t += 1 }
                spans.append(Double(start) * 1800...Double(t) * 1800)
            }
            return SkillRoutingSetup.Agent(skills: skills, ranks: Array(repeating: 0, count: skills.count), duty: spans)
        }
    }
    let channels = profiles.indices.map { c in
        SkillRoutingSetup.Channel(
            name: profiles[c].name, contacts: contacts[c],
            handleTime: .exponential(meanSeconds: profiles[c].ahtSeconds), targetSeconds: 20)
    }
    func simulate(_ team: [SkillRoutingSetup.Agent]) -> [SkillRoutingChannelResult] {
        (try? SkillRoutingSimulator.run(
            SkillRoutingSetup(intervalSeconds: 1800, channels: channels, agents: team, seed: 7, replications: 20)))
            ?? []
    }
    let clock = ContinuousClock()
    let started = clock.now
    let separateTeam = profiles.indices.flatMap { agents(separate[$0], skills: [$0]) }
    let separateResult = simulate(separateTeam)
    var blendedResult = simulate(agents(blended, skills: Array(profiles.indices)))
    // Raise the blended staffing where the simulated interval misses 80/20 until the week meets it per channel.
    var rounds = 0
    while rounds < 20, blendedResult.contains(where: { $0.serviceLevel < 0.8 }) {
        for t in 0..<intervals {
            let offered = blendedResult.reduce(0.0) { $0 + $1.offeredByInterval[t] }
            let timely = blendedResult.reduce(0.0) { $0 + $1.withinTargetByInterval[t] }
            if offered > 0, timely / offered < 0.8 { blended[t] += 1 }
        }
        blendedResult = simulate(agents(blended, skills: Array(profiles.indices)))
        rounds += 1
    }
    let elapsed = clock.now - started
    let hoursSeparate = Double(separate.reduce(0) { $0 + $1.reduce(0, +) }) / 2
    let hoursBlended = Double(blended.reduce(0, +)) / 2
    func levels(_ result: [SkillRoutingChannelResult]) -> String {
        result.map { String(format: "%@ %.1f %%", $0.name as NSString, 100 * $0.serviceLevel) }.joined(separator: ", ")
    }
    print(
        String(
            format:
                "blending: chat+whatsapp+social, a week: separate teams %.1f agent-hours (simulated %@); blended %.1f agent-hours (simulated %@, %d raising rounds); blending saves %.1f %%; %.1f s",
            hoursSeparate, levels(separateResult) as NSString, hoursBlended, levels(blendedResult) as NSString, rounds,
            100 * (1 - hoursBlended / hoursSeparate),
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
}
