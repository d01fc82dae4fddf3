# pollster: the commands a user and CI need. `make demo` and `make test` install what is
# missing (the libcurl headers) first.
SWIFT ?= swift
QUICKSTART ?= scenarios/quickstart.yaml

.PHONY: deps build demo test bench release clean check-report

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The main job: a live comparison of the quickstart's polling strategies against the
# embedded mock API; writes reports/quickstart/ (report.html, CSVs, results.json).
demo: deps
	$(SWIFT) build -c release --product pollster
	.build/release/pollster run $(QUICKSTART) --out reports/quickstart --force

# The tests run on an optimised build in a folder of their own: the live tests check that
# live runs agree with simulations, which a debug build of the embedded server is too slow
# to do faithfully on a busy machine.
test: deps
	$(SWIFT) test -c release --scratch-path .build-tests --no-parallel

# A small report and a small sweep page rendered in headless Chromium (needs the chromium
# package): fails when a page is blank, logs to the console, a chart draws no data or a
# legend click does not hide its series; leaves a screenshot. POLLSTER=path uses a
# pollster already built (CI uses the test build's).
check-report: deps
	@if [ -z "$(POLLSTER)" ]; then $(SWIFT) build -c release --product pollster; fi
	"$${POLLSTER:-.build/release/pollster}" simulate scenarios/tight-limits.yaml --out reports/check --quiet --force
	bash scripts/check-report-html.sh reports/check/report.html
	"$${POLLSTER:-.build/release/pollster}" sweep scenarios/tight-limits.yaml --vary strategies.expo.multiplier=1.5,2,3 \
		--strategy expo --out reports/check-sweep --quiet
	bash scripts/check-report-html.sh reports/check-sweep/sweep.html

release: deps
	$(SWIFT) build -c release

# Benchmarks print figures; they are not tests. After PollsterBench, the same model in
# pollster beside a single-threaded C implementation of it (Benchmarks/c-model.sh, ROUNDS
# rounds, default 3), reusing the PollsterBench just built.
bench: deps
	$(SWIFT) build -c release --product PollsterBench
	.build/release/PollsterBench
	POLLSTER_BENCH=.build/release/PollsterBench bash Benchmarks/c-model.sh

clean:
	rm -rf .build reports/*/
