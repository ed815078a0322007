# Đoàn Số — two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
export PORT
SCALE ?= small

.PHONY: setup run prod test test-sqlite test-postgres lint bench eval-planimport system-deps migrate seed clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(VENV)/bin/doanso migrate --noinput -v 0

# Seeds the demo once (skipped when the database already holds units), then serves.
run: migrate
	$(VENV)/bin/doanso seed-demo --scale $(SCALE) --if-empty
	$(VENV)/bin/doanso runserver 127.0.0.1:$(PORT)

# The production stack in the foreground: gunicorn, the task worker and the scheduler (Procfile,
# run by honcho), on DATABASE_URL, with keys from var/prod.env (created once) — docs/deployment.md.
prod: setup
	@scripts/prod.sh

# Debian packages the suite needs: Chromium for browser tests, LibreOffice and fonts for PDF export.
system-deps:
	@scripts/system-deps.sh

# The lint (ruff and the import-linter contracts) is part of the suite, so CI runs it too.
test: setup system-deps lint
	@scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check src tests bench

bench: setup
	@scripts/bench.sh

eval-planimport: setup
	$(PY) -m doanso.planimport.evaluate tests/planimport/expected tests/planimport/extra tests/planimport/corpus/dev_expected \
		tests/planimport/corpus/blind_expected tests/planimport/corpus/dev2_expected \
		tests/planimport/corpus/blind2_expected tests/planimport/corpus/dev3_expected \
		tests/planimport/corpus/blind3_expected tests/planimport/corpus/dev4_expected \
		tests/planimport/corpus/blind4_expected tests/planimport/corpus/dev5_expected \
		tests/planimport/corpus/blind5_expected tests/planimport/corpus/dev6_expected \
		tests/planimport/corpus/blind6_expected tests/planimport/corpus/dev7_expected \
		tests/planimport/corpus/blind7_expected tests/planimport/corpus/dev8_expected \
		tests/planimport/corpus/blind8_expected

clean:
	rm -rf $(VENV) var

# Load test: the national mix (locust, ~60 s) against gunicorn on PostgreSQL with the demo data.
bench-load: setup
	@scripts/bench-load.sh

# Peaks of issues 14 and 15 (several minutes: gunicorn + locust on PostgreSQL, check-ins and contest
# rounds against /healthz in one run; participation indicators at 5 M and 50 M rows; leaderboard over
# 1,000,000 entrants; certificate verifications). docs/benchmarks.md has the figures.
bench-peak: setup
	@scripts/bench-peak.sh
	@BENCH_ONLY=credentials BENCH_DB=postgres scripts/bench.sh
	@$(PY) bench/learning_bench.py --db postgres
	@$(PY) bench/participation_scale_bench.py $(if $(PEAK_SIZES),--sizes $(PEAK_SIZES))
