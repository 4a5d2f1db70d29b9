"""The scripts that build the generated files of calibration/ from calibration/sources/ and the
figure modules (calibration/published_figures.py, health_figures.py, history_figures.py).
Run from the project root:

    .venv/bin/python -m calibration.build.profiles   # 2020: common/*.csv, china/profile.yaml, CSVs
    .venv/bin/python -m calibration.build.backcast   # 2010: china/population_2010.csv, backcast_2010.yaml

A province's, city's or district's 2020 profile and 2010 backcast start are not built here: `python -m sim region
build <region>` derives them from its fill-in tables (calibration/<region>/tables/, sim.inputs.region_kit).

Modules:
profiles     entry point: the nation's 2020 population and health baseline, and the common tables
backcast     entry point: the nation's 2010 start population and 2010-2020 backcast inputs
demography   census tables: reading, single-year splitting, raking, schedules, migration profile
regions      the nation's specification and the population part of its profile
quantities   a profile's provenance-carrying quantities (sourced, assumed) and series (ramp, table)
writing      CSV and YAML writers with '#' headers, byte-stable
health       the health part of the 2020 baseline (a package; its docstring lists its modules)
"""
