# Staffcast: `make demo` and `make test` do all the set-up on a fresh Debian machine with the
# Swift toolchain (they install liblapacke-dev when it is missing).
SWIFT ?= swift
SWIFT_TEST_FLAGS ?=
DEMO_CONFIG ?= datasets/bank_demo.json
DEMO_WEEK ?= 2003-W36
ROSTER_SECONDS ?= 5

.PHONY: deps build release test lint format demo bench bench-forecast fuzz clean report-check

deps:
	@bash .ci/ensure-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product staffcast

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing $(SWIFT_TEST_FLAGS)

# The formatter the toolchain ships (`swift format`, configuration in .swift-format: 120 columns,
# no force-unwrap or force-try in Sources). `make format` rewrites; `make lint` fails on a finding.
FORMAT_PATHS = Package.swift Sources Tests Benchmarks
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMAT_PATHS)

demo: release
	.build/release/staffcast plan --config $(DEMO_CONFIG) --week $(DEMO_WEEK) --out-dir reports
	@echo "Reports for $(DEMO_WEEK) are in reports/$(DEMO_WEEK)/"

# Release figures: Erlang staffing, simulator, scheduler, forecasts and the intraday reforecast
# backtest (tune/check) on the bank data, the 5-million-row reader, the rostering benchmark (12 instances × ROSTER_SECONDS, 2 workers), the
# web-shop roster and `roster-scale` (`staffcast roster` of 1,000 generated agents over 4 weeks, nl-atw, a 240 s search:
# wall time and peak memory against 5 minutes and 4 GiB), then the accuracy suite with tune/check columns (bank + six generated web shops,
# 1-week and 59/61-day horizons; peers' ratios when Benchmarks/peers/results.csv exists).
# `staffcast-bench webshop` (the seed-42 shop in detail) is opt-in.
bench: deps
	$(SWIFT) build -c release --product staffcast
	$(SWIFT) build -c release --product staffcast-bench
	.build/release/staffcast-bench --roster-seconds $(ROSTER_SECONDS)

# The forecasts at the horizons where money is spent (issue 22): the accuracy suite and the
# capacity suite (17 weeks from September, weekly totals), each with tune and check columns.
bench-forecast: deps
	$(SWIFT) build -c release --product staffcast-bench
	.build/release/staffcast-bench suite capacity-suite

# The fuzz harness (Benchmarks/staffcast-fuzz/README.md): 10,000 seeded cases of mutated inputs
# through the release binary, two at a time; fails on a crash, a hang, exit 70 or a wrong exit 0.
FUZZ_SEED ?= 1
FUZZ_CASES ?= 10000
FUZZ_JOBS ?= 2
fuzz: deps
	$(SWIFT) build -c release --product staffcast
	$(SWIFT) build -c release --product staffcast-fuzz
	.build/release/staffcast-fuzz --seed $(FUZZ_SEED) --cases $(FUZZ_CASES) --jobs $(FUZZ_JOBS) --binary .build/release/staffcast

clean:
	rm -rf .build

# Renders the demo's report.html with headless Chromium (installed when missing) to
# reports/2003-W36/report.png and fails on any console error.
report-check: demo
	@bash .ci/report-check reports/$(DEMO_WEEK)/report.html

# Regenerates the demo web shop's contact history (about 42 MB, not committed) into datasets/webshop/.
.PHONY: demo-data
demo-data: deps
	$(SWIFT) build -c release --product staffcast-datagen
	.build/release/staffcast-datagen --out-dir datasets/webshop --seed 42 --years 3 --start 2023-01-02
	.build/release/staffcast-datagen --team datasets/webshop_team.csv
