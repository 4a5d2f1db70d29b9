# Two commands after cloning:  `make baseline` (install + run the Hangzhou baseline)
# and `make test` (install + run the test suite). Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: baseline test install benchmark golden clean-cache

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

baseline: $(STAMP)
	$(BIN)/python -m sim run scenarios/hangzhou/baseline.yaml

test: $(STAMP)
	$(BIN)/python -m pytest

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py

# After an intended change of model or data: rewrite the golden baseline, then review its diff.
golden: $(STAMP)
	$(BIN)/python -m tests.golden --update

clean-cache:
	rm -rf .cache
