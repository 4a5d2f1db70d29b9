"""health-sim: a system-dynamics model of a Chinese region's health system for plan reviews.

The Python API, the same functions the command line calls. In a notebook::

    import sim
    result = sim.run_scenario("scenarios/hangzhou/baseline.yaml", write=False)
    print(sim.verdict_table(result.verdicts, "en"))

Entry points (each loads its layer on first use, so `import sim` stays fast):

    load_region(name)                 the region profile (2020 baseline, sources, fitted defaults)
    load_scenario(path)               a validated scenario file (with everything it extends)
    simulate(scenario)                run a loaded scenario: (region, Dataset, resolved inputs)
    run_scenario(path, write=...)     load, run, judge the targets and (by default) write the
                                      results folder with tables and charts
    load_targets(region)              the region's plan targets
    judge_all(dataset, targets)       verdicts: reached by the deadline, first year, margin
    verdict_table(verdicts, lang)     the verdicts as a zh/en table for people
    reach_one(path, target, lever)    the smallest lever setting that reaches a target
    reach_joint(path, target, weights)  the cheapest settings of several levers that reach it
    run_uncertainty(path, samples=…)  Monte Carlo: probability of each target
    run_sensitivity(path, method)     Sobol or Morris indices of every assumption on each target
    calibrate(region)                 fit the population sector to the region's history

The package is layered (docs/architecture.md): core → inputs → model → engines → runs →
analysis → reports → interfaces.
"""

from __future__ import annotations

import importlib

#: Public name -> the module that defines it.
_ENTRY_POINTS = {
    "load_region": "sim.inputs.region",
    "load_scenario": "sim.inputs.scenario",
    "simulate": "sim.runs.simulate",
    "run_scenario": "sim.reports.run_report",
    "load_targets": "sim.analysis.targets",
    "judge_all": "sim.analysis.verdicts",
    "verdict_table": "sim.reports.verdict_tables",
    "reach_one": "sim.analysis.reach",
    "reach_joint": "sim.analysis.reach",
    "run_uncertainty": "sim.reports.uncertainty_report",
    "run_sensitivity": "sim.reports.sensitivity_report",
    "calibrate": "sim.reports.calibration_report",
}

__all__ = sorted(_ENTRY_POINTS)


def __getattr__(name: str):
    """Load an entry point's module on first use (PEP 562): `python -m sim` imports this
    package before every verb, and most verbs need only part of the stack."""
    if name not in _ENTRY_POINTS:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    value = getattr(importlib.import_module(_ENTRY_POINTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
