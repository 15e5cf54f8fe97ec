# cx_metrics: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ENGINES := $(VENV)/.installed-engines
BROWSER := $(VENV)/.installed-browser
BENCH := $(VENV)/.installed-bench
DUCKDB_1X := build/duckdb1x/.installed
VADER_CORPUS := build/vader/hutto_ICWSM_2014/.extracted
CHROMIUM ?= $(or $(CX_CHROMIUM),/usr/bin/chromium)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-engines install-browser install-test demo test test-engines test-fast \
	lint seeds bench screenshot clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

# The suite also builds on PostgreSQL, Spark and (emulated) Snowflake: their dbt adapters are
# optional extras.
$(ENGINES): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,spark,semantic,snowflake,warehouses]'
	touch $(ENGINES)

# The dashboard's tests open it in headless Chromium: Debian's package, unless CX_CHROMIUM
# names another (Playwright's own browser download needs a network the tests do not have).
$(BROWSER): $(INSTALLED)
	test -x $(CHROMIUM) || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
		|| ($(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)
	touch $(BROWSER)

$(BENCH): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH)

# The publishing tests open the serving copy with a DuckDB 1.x client, as BI tools bundle one.
$(DUCKDB_1X): tests/python/duckdb1x.txt $(INSTALLED)
	$(BIN)/python -m pip install --quiet --no-deps --target $(@D) -r $<
	touch $@

# The VADER tests' oracle data: the labelled corpus of Hutto & Gilbert (2014), shipped inside the
# vaderSentiment 3.3.2 sdist (additional_resources/hutto_ICWSM_2014.tar.gz; MIT licensed).
VADER_SDIST := build/vader/vaderSentiment-3.3.2.tar.gz
$(VADER_CORPUS): $(INSTALLED)
	mkdir -p build/vader
	test -f $(VADER_SDIST) || $(BIN)/python -m pip download --quiet --no-deps --no-binary :all: \
		vaderSentiment==3.3.2 -d build/vader
	tar -xzOf $(VADER_SDIST) vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz \
		| tar -xz --no-same-owner --no-same-permissions -C build/vader
	touch $@

install: $(INSTALLED)
install-engines: $(ENGINES)
install-browser: $(BROWSER)
## Everything either tier of the suite needs; nothing is installed during a test.
install-test: $(ENGINES) $(BROWSER) $(DUCKDB_1X) $(VADER_CORPUS)

## Build everything on the embedded DuckDB with the bundled demo data and print the headline metrics.
demo: install
	$(BIN)/cx-metrics demo

# The suite (docs/development.md): two workers, one test module each at a time (the machines
# here have 2 cores); a test past its tier's limit fails alone. PYTEST_ARGS adds options.
TEST_WORKERS ?= 2
# Modules in the order conftest.py gives them (the longest first), not by their test counts.
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

## Lint, then everything on DuckDB: the dbt unit and data tests inside pytest's builds, Dagster,
## publishing with BI readers, alerts, the dashboard in Chromium, the semantic layer, and the
## consumer project and hostile inputs on DuckDB.
test: install-test lint
	$(PYTEST) -m "not engines" --timeout 600 $(PYTEST_ARGS)

## The same package on PostgreSQL (a throwaway server) and Spark (in process): table-by-table
## parity with DuckDB, the consumer project, hostile inputs and the Dagster refresh on each.
test-engines: install-test
	$(PYTEST) -m engines --timeout 900 $(PYTEST_ARGS)

## The edit-test loop: the DuckDB tier less its end-to-end scenarios (marked slow).
test-fast: install-test lint
	$(PYTEST) -m "not engines and not slow" --timeout 600 $(PYTEST_ARGS)

# The SQL lint (.sqlfluff) renders the models with dbt on an in-memory DuckDB whose inputs are
# empty Parquet files with the demo data's columns; the integration project is linted from its
# folder (its own dbt project, integration_tests/.sqlfluff). Macro files are not SQL: sqlfluff
# lints them as the models render them. About 90 s on 2 cores, in one process: --processes 2
# was slower here (each worker is sent every rendered file).
SQLFLUFF_INPUTS := build/sqlfluff/inputs/.written
SQLFLUFF := CX_DUCKDB_PATH=:memory: $(CURDIR)/$(BIN)/sqlfluff lint

$(SQLFLUFF_INPUTS): $(wildcard integration_tests/seeds/demo/*.csv) $(INSTALLED)
	mkdir -p $(@D)
	$(BIN)/python -c "import duckdb, pathlib, sys; [duckdb.sql(f\"copy (select * from read_csv('{p}', all_varchar = true) limit 0) to '$(@D)/{pathlib.Path(p).stem.removeprefix('cx_demo__')}.parquet'\") for p in sys.argv[1:]]" $(filter %.csv,$^)
	touch $@

lint: install $(SQLFLUFF_INPUTS)
	$(BIN)/ruff check cx_metrics expectations orchestration tests benchmarks devtools
	$(BIN)/ruff format --check cx_metrics expectations orchestration tests benchmarks devtools
	$(BIN)/python -m devtools.check_docs
	$(SQLFLUFF) models tests/data
	test -e integration_tests/dbt_packages/cx_metrics || (cd integration_tests && ../$(BIN)/dbt deps)
	cd integration_tests && $(SQLFLUFF) models tests

## Scale and speed on DuckDB, with the survey marts on Spark up to 10M, then the close-the-loop
## latency at 10M (a new load to its alerts and metrics, through the Dagster daemon) (not part of `make test`;
## about an hour on 2 cores for the default sizes, 1M/10M/50M survey responses): writes
## build/bench/report.md and report.json. Then the comment sentiment and topics models at 1M and
## 10M comments against their floor (benchmarks/text.py): build/bench/text_report.md and .json.
BENCH_SIZES ?= 1000000,10000000,50000000
BENCH_COMMENTS ?= 1000000,10000000
bench: install install-engines $(BENCH)
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES) --out build/bench
	$(BIN)/python benchmarks/text.py --comments $(BENCH_COMMENTS) --out build/bench
	$(BIN)/python benchmarks/alerts_latency.py --responses 10000000 --out build/bench

## The dashboard's screenshot in docs/dashboard.md (after `make demo`), taken by headless Chromium.
screenshot: install install-browser
	$(BIN)/python -m devtools.browser integration_tests/cx_dashboard.html docs/dashboard.png

## Regenerate the bundled demo seed CSVs (deterministic).
seeds: install
	$(BIN)/cx-metrics generate-data --format csv --out integration_tests/seeds/demo

clean:
	rm -rf target logs dbt_packages integration_tests/target integration_tests/logs integration_tests/dbt_packages integration_tests/cx_metrics.duckdb integration_tests/cx_metrics.duckdb.wal
