/// Makes case number N of a run: a scenario (by weight), one of its inputs to mutate, and
/// either one planted violation of a documented bound (a third of the cases, when the input
/// kind has one) or one to three mutations that break no bound on purpose.
struct Generator {
    let scenarios: [(weight: Int, scenario: Scenario)]
    let seed: UInt64
    var plantedShare = 0.3
    /// Only cases mutating this kind (`--kind`).
    var onlyKind: InputKind? = nil

    func make(_ number: Int) -> (FuzzCase, plantedLine: Int?) {
        var rng = FuzzRandom(seed: seed, caseNumber: number)
        let scenario = scenarios[rng.weighted(scenarios.map(\.weight))].scenario
        var c = FuzzCase(
            number: number, scenario: scenario, target: .argv, targetFile: nil, files: scenario.files,
            arguments: scenario.arguments, mutations: [], planted: nil)
        // The argument vector gets a fifth of the cases of a scenario with files (all of them
        // for `erlang` and `calendar`); the files share the rest (a published plan's files are
        // never mutated).
        let mutable = scenario.files.indices.filter { scenario.files[$0].kind.isMutable }
        var target = mutable.isEmpty || rng.chance(0.2) ? scenario.files.count : mutable[rng.below(mutable.count)]
        if let only = onlyKind { target = scenario.files.firstIndex { $0.kind == only } ?? scenario.files.count }
        var plantedLine: Int? = nil
        if target < scenario.files.count {
            // `staff` and `schedule` read a config for its channels and shifts, not the history
            // and events it names: a bound planted there would not be read.
            var file = c.files[target]
            c.target = file.kind
            c.targetFile = file.name
            if rng.chance(plantedShare),
                let planted = PlantedMutator.plant(&file.bytes, kind: file.kind, scenario: scenario, rng: &rng),
                isRead(file, by: scenario)
            {
                c.planted = planted.description
                c.mutations = [planted.description]
                plantedLine = planted.line
            } else {
                file.bytes = c.files[target].bytes
                for _ in 0..<1 + rng.weighted([6, 3, 1]) {
                    c.mutations.append(FileMutator.mutate(&file.bytes, kind: file.kind, rng: &rng))
                }
            }
            c.files[target] = file
        } else {
            if rng.chance(plantedShare),
                let planted = ArgvMutator.plant(&c.arguments, command: scenario.command, rng: &rng)
            {
                c.planted = planted
                c.mutations = [planted]
            } else {
                for _ in 0..<1 + rng.weighted([6, 3, 1]) {
                    c.mutations.append(ArgvMutator.mutate(&c.arguments, rng: &rng))
                }
            }
        }
        return (c, plantedLine)
    }

    /// Whether the command reads this file's contents (so a bound broken in it must be refused).
    func isRead(_ file: InputFile, by scenario: Scenario) -> Bool {
        switch scenario.command {
        case "staff", "schedule": return !file.kind.isHistory && file.kind != .events
        default: return true
        }
    }
}
