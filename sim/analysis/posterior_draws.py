"""The fitted keys of a Monte Carlo drawn jointly from the calibration's posterior samples.

`sim uncertainty` draws every assumption from its judged range (sim.runs.assumption_space),
except the keys the calibration fits (sim.inputs.keys.FITTED_KEYS) when the region has a usable
posterior sample of the window that fits them (sim.inputs.posterior):

- the forward window's (`FORWARD_FITTED_KEYS`: net migration and the TFR, assumptions): drawn
  together by resampling the rows of fit/posterior.csv; each row becomes the keys' paths as the
  fit defines them (sim.analysis.calibration.windows.forward_paths: migration of 2020, then of
  2021 held; the profile's TFR path scaled);
- the health window's (`HEALTH_FITTED_KEYS`, China: the supply paces of 2011-2021 continued
  from 2020, sim.analysis.calibration.health_window.continued_series): drawn together by
  resampling the rows of fit/health_posterior.csv. These keys are levers, which the judged view
  holds at their defaults (a plan decides them); what is drawn here is the status quo's pace as
  history leaves it uncertain, so a scenario that sets such a lever holds it fixed, as it holds
  an assumption it sets.

Each sample has a seeded generator of its own (numpy PCG64 seeded with [seed, stream]:
`ROW_STREAM` forward, `HEALTH_ROW_STREAM` health), so every other input gets the same draws as
without the posterior and the two samples' rows are independent of each other. Resampling rows
keeps each posterior's correlations; a key the scenario file sets stays fixed, and the others
of its window are drawn from their posterior marginals.

Without a usable sample (no fit, a window not accepted, no posterior recorded or the file
missing) the keys keep their judged ranges (assumptions) or defaults (levers) and
`PosteriorDraws.note` says so: the caller prints it. A posterior made from other data is an
error (sim.inputs.posterior.load_posterior).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.analysis.calibration.health_window import continued_paths
from sim.analysis.calibration.windows import FORWARD_PARAMETERS, TFR_KEY, forward_paths
from sim.inputs.keys import FORWARD_FITTED_KEYS, HEALTH_FITTED_KEYS
from sim.inputs.posterior import load_posterior
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario
from sim.runs.assumption_space import Assumption

__all__ = ["PosteriorDraws", "posterior_draws", "ROW_STREAM", "HEALTH_ROW_STREAM"]

#: The posterior rows' generator is numpy PCG64 seeded with (seed, ROW_STREAM): a stream apart
#: from the judged draws' (seeded with seed alone).
ROW_STREAM = 4
#: The same for the health window's sample: apart from the judged draws and the forward rows.
HEALTH_ROW_STREAM = 5


@dataclass(frozen=True)
class PosteriorDraws:
    keys: list[str]                       # keys drawn from the posterior (the rest: judged)
    paths: dict[str, np.ndarray] = field(default_factory=dict)    # key -> (samples, years)
    rows: np.ndarray | None = None        # the posterior row of each sample
    parameters: dict[str, np.ndarray] = field(default_factory=dict)  # name -> drawn values
    file: str = ""                        # the posterior sample used
    header: dict = field(default_factory=dict)
    note: str = ""                        # for people: what was drawn from where, and why
    sample_rows: int = 0                  # rows of the posterior sample the draws resample
    window: str = "forward"               # the window whose posterior this is
    parts: tuple[PosteriorDraws, ...] = ()  # one per posterior used (each window's own)
    reason: str = ""                      # why the forward keys are not drawn from one
    reason_zh: str = ""                   # the same in Chinese

    def used(self) -> tuple[PosteriorDraws, ...]:
        """The posteriors drawn from, one per window."""
        return self.parts or ((self,) if self.keys else ())


def posterior_draws(scenario: Scenario, region: Region, space: list[Assumption], n: int,
                    seed: int) -> PosteriorDraws:
    """The fitted keys of the scenario drawn from the region's posteriors (module docstring)."""
    forward = _forward_draws(scenario, region, space, n, seed)
    health = _health_draws(scenario, region, n, seed)
    if health is None:
        return forward
    used = tuple(d for d in (forward, health) if d.keys)
    first = used[0] if used else forward
    return PosteriorDraws([k for d in used for k in d.keys],
                          {k: p for d in used for k, p in d.paths.items()}, first.rows,
                          first.parameters, first.file, first.header,
                          "; ".join(d.note for d in (forward, health) if d.note),
                          first.sample_rows, first.window, used, forward.reason,
                          forward.reason_zh)


def _forward_draws(scenario: Scenario, region: Region, space: list[Assumption], n: int,
                   seed: int) -> PosteriorDraws:
    fitted = [a.key for a in space if a.key in FORWARD_FITTED_KEYS]
    held = [k for k in FORWARD_FITTED_KEYS if k in scenario.values]
    if not fitted:
        return PosteriorDraws([], note="no fitted key is uncertain in this scenario "
                                       f"({', '.join(held) or 'none'} set by the scenario)",
                              reason_zh=f"本情景没有不确定的拟合输入（{'、'.join(held) or '无'}"
                                        "由情景设定）")
    lookup = load_posterior(region)
    if lookup.sample is None:
        return PosteriorDraws([], note=f"{', '.join(fitted)}: drawn from their judged ranges, "
                                       f"not a posterior: {lookup.reason}",
                              reason=lookup.reason, reason_zh=lookup.reason_zh)
    sample = lookup.sample
    table = sample.table
    rng = np.random.default_rng([seed, ROW_STREAM])
    rows = rng.integers(0, len(table), size=n)
    x = table[list(FORWARD_PARAMETERS)].to_numpy(float)[rows]
    years = scenario.years
    profile = load_region(region.name, region.path.parent, use_fit=False)
    paths = forward_paths(profile.defaults[TFR_KEY].values(years), x, years)
    kept = {k: paths[k] for k in fitted}
    note = (f"{', '.join(fitted)}: drawn jointly from the posterior sample {sample.path.name} "
            f"of calibration/{region.name} ({len(table)} rows, fit of "
            f"{sample.header.get('fit_made', '?')}), rows resampled with replacement")
    if held:
        note += f"; {', '.join(held)} set by the scenario (the other from its marginal)"
    return PosteriorDraws(fitted, kept, rows,
                          {name: table[name].to_numpy(float)[rows] for name in table.columns},
                          str(sample.path), sample.header, note, len(table))


def _health_draws(scenario: Scenario, region: Region, n: int, seed: int
                  ) -> PosteriorDraws | None:
    """The health window's keys drawn from its posterior; None for a region without a health
    window (nothing to say)."""
    lookup = load_posterior(region, "health")
    if not lookup.fitted:
        return None
    free = [k for k in HEALTH_FITTED_KEYS if k not in scenario.values]
    held = [k for k in HEALTH_FITTED_KEYS if k in scenario.values]
    if lookup.sample is None or not free:
        why = lookup.reason or "every one is set by the scenario"
        return PosteriorDraws([], note=f"health supply paces ({', '.join(HEALTH_FITTED_KEYS)}): "
                                       f"held at their defaults, not drawn from a posterior: "
                                       f"{why}", window="health")
    sample = lookup.sample
    table = sample.table
    rng = np.random.default_rng([seed, HEALTH_ROW_STREAM])
    rows = rng.integers(0, len(table), size=n)
    profile = load_region(region.name, region.path.parent, use_fit=False)
    paths = continued_paths(profile, table.iloc[rows], scenario.years)
    note = (f"{', '.join(free)}: drawn jointly from the health window's posterior sample "
            f"{sample.path.name} of calibration/{region.name} ({len(table)} rows, fit of "
            f"{sample.header.get('fit_made', '?')}), rows resampled with replacement (the "
            "decade's supply paces continued from 2020)")
    if held:
        note += f"; {', '.join(held)} set by the scenario (held fixed)"
    return PosteriorDraws(free, {k: paths[k] for k in free}, rows,
                          {name: table[name].to_numpy(float)[rows] for name in table.columns},
                          str(sample.path), sample.header, note, len(table), "health")
