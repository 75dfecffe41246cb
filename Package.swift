// swift-tools-version:6.0
import PackageDescription

// No package dependencies: Foundation, the toolchain's test libraries, and LAPACKE from
// Debian's liblapacke-dev through the CLAPACKE system library target. CSystem is our own
// ten-line C shim for the one system call Glibc's Swift module lacks (renameat2).
let package = Package(
    name: "Staffcast",
    products: [
        .executable(name: "staffcast", targets: ["staffcast"]),
        .library(
            name: "StaffcastKit",
            targets: ["StaffcastCore", "Forecasting", "Queueing", "Scheduling", "Rostering", "Planning", "Reports"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "CLAPACKE", path: "Sources/CLAPACKE",
            providers: [.apt(["liblapacke-dev"])]),
        .target(name: "CSystem"),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACKE"]),
        .target(name: "StaffcastCore", dependencies: ["CSystem"]),
        .target(name: "Forecasting", dependencies: ["StaffcastCore", "LinearAlgebra"]),
        .target(name: "Queueing", dependencies: ["StaffcastCore"]),
        .target(name: "Scheduling", dependencies: ["StaffcastCore"]),
        .target(name: "Rostering", dependencies: ["StaffcastCore", "Scheduling"]),
        .target(
            name: "Planning", dependencies: ["StaffcastCore", "Forecasting", "Queueing", "Scheduling", "Rostering"]),
        .target(
            name: "Reports",
            dependencies: ["StaffcastCore", "Forecasting", "Queueing", "Scheduling", "Rostering", "Planning"]),
        .target(
            name: "StaffcastCLI",
            dependencies: [
                "StaffcastCore", "Forecasting", "Queueing", "Scheduling", "Rostering", "Planning", "Reports",
            ]),
        .executableTarget(name: "staffcast", dependencies: ["StaffcastCLI"]),
        .executableTarget(
            name: "staffcast-bench",
            dependencies: [
                "StaffcastCore", "Forecasting", "Queueing", "Scheduling", "DemoData", "Rostering", "RosteringBenchmark",
            ],
            path: "Benchmarks/staffcast-bench"),
        // The Curtois & Qu rostering benchmark: its reader, scorer and solver (a tool, not the library).
        .target(
            name: "RosteringBenchmark", dependencies: ["Rostering", "StaffcastCore"],
            path: "Benchmarks/RosteringBenchmark"),
        .executableTarget(
            name: "staffcast-fuzz", dependencies: ["StaffcastCore"], path: "Benchmarks/staffcast-fuzz",
            exclude: ["README.md"]),
        .target(name: "DemoData", dependencies: ["StaffcastCore", "Forecasting"], path: "Benchmarks/DemoData"),
        .executableTarget(
            name: "staffcast-datagen", dependencies: ["DemoData"], path: "Benchmarks/staffcast-datagen"),

        .target(name: "TestSupport", dependencies: ["StaffcastCore"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(
            name: "StaffcastCoreTests", dependencies: ["StaffcastCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ForecastingTests", dependencies: ["Forecasting", "StaffcastCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QueueingTests", dependencies: ["Queueing", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SchedulingTests", dependencies: ["Scheduling", "StaffcastCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "RosteringTests", dependencies: ["Rostering", "StaffcastCore", "Scheduling", "TestSupport"]),
        .testTarget(
            name: "RosteringBenchmarkTests", dependencies: ["RosteringBenchmark", "Rostering", "StaffcastCore"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning", "StaffcastCore", "Forecasting", "Queueing", "Scheduling", "Rostering", "TestSupport",
            ]),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Planning", "Forecasting", "StaffcastCore", "Queueing", "TestSupport"]),
        .testTarget(
            name: "StaffcastCLITests",
            dependencies: ["StaffcastCLI", "StaffcastCore", "Forecasting", "Queueing", "Planning", "TestSupport"]),
        .testTarget(
            name: "DemoDataTests",
            dependencies: ["DemoData", "Forecasting", "StaffcastCore", "Rostering", "TestSupport"]),
    ]
)
