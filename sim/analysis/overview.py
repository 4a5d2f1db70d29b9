"""Many scenarios at once, as a province or a reviewer sees them: every scenario of every region
judged against its region's plan targets (`python -m sim overview scenarios/*/baseline.yaml`;
tables and chart: sim.reports.overview_report).

Each scenario is one task (load, run with the batch engine, judge: sim.analysis.verdicts);
tasks run here in threads, on a local Dask cluster or on a scheduler (sim.runs.scaleout), and
a task's result depends only on its file, so every way gives the same verdicts (tested). All
files are read and validated here first, so a bad file fails in one line before any work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.analysis.targets import load_targets
from sim.analysis.verdicts import Verdict, judge_all
from sim.inputs.region import load_region
from sim.inputs.scenario import Scenario, load_scenario, scenario_files
from sim.runs.scaleout import run_chunks
from sim.runs.simulate import simulate

__all__ = ["ScenarioVerdicts", "overview"]


@dataclass(frozen=True)
class ScenarioVerdicts:
    path: Path
    scenario: Scenario
    region_zh: str
    region_en: str
    verdicts: list[Verdict]


def _judge(path: str) -> list[Verdict]:
    """One task: run the scenario file with the batch engine and judge its region's targets
    (module level, so a Dask worker can run it)."""
    scenario = load_scenario(path)
    _, ds, _ = simulate(scenario, None, "batch")
    return judge_all(ds, load_targets(scenario.region))


def overview(patterns: list[str], *, scheduler=None, progress=None) -> list[ScenarioVerdicts]:
    """Every scenario's verdicts, in the order of the files (see the module docstring)."""
    files = scenario_files(patterns)
    scenarios = [load_scenario(path) for path in files]   # every file valid before any run
    regions = {s.region: load_region(s.region) for s in scenarios}
    if progress:
        progress(f"{len(files)} scenarios of {len(regions)} regions")
    results = run_chunks(_judge, [str(path) for path in files], scheduler=scheduler,
                         progress=progress)
    return [ScenarioVerdicts(path, scenario, regions[scenario.region].name_zh,
                             regions[scenario.region].name_en, verdicts)
            for path, scenario, verdicts in zip(files, scenarios, results)]
