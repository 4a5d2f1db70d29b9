# Two commands after cloning:  `make baseline` (install + run the Hangzhou baseline)
# and `make test` (install + run the test suite). Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: baseline test test-fast lint install benchmark golden clean-cache

$(STAMP): pyproject.toml
	@echo "Creating $(VENV) and installing health-sim with its dependencies (a few minutes the first time; pip shows each package)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -e '.[dev]'
	@echo "Installed into $(VENV)"
	touch $(STAMP)

install: $(STAMP)

baseline: $(STAMP)
	$(BIN)/python -m sim run scenarios/hangzhou/baseline.yaml

# The whole suite; the 15 slowest tests are listed at the end.
test: $(STAMP)
	$(BIN)/python -m pytest --durations=15

# Everything but the tests marked slow (many model runs, worker processes, Dask clusters).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# Lint (ruff) and type-check (mypy) the package, tests, benchmarks and build scripts.
lint: $(STAMP)
	$(BIN)/ruff check sim tests benchmarks calibration
	$(BIN)/mypy

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py

# After an intended change of model or data: rewrite the golden baseline, then review its diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden --update

clean-cache:
	rm -rf .cache
