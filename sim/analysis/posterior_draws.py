"""The fitted keys of a Monte Carlo drawn jointly from the calibration's posterior sample.

`sim uncertainty` draws every assumption from its judged range (sim.runs.assumption_space),
except the keys the calibration fits (sim.inputs.keys.FITTED_KEYS: net migration and the TFR)
when the region has a usable posterior sample (sim.inputs.posterior): those are then drawn
together by resampling the sample's rows with replacement (a seeded generator of its own, so
every other input gets the same draws as without the posterior), and each drawn row becomes
the keys' paths as the fit defines them (sim.analysis.calibration.windows.forward_paths:
migration of 2020, then of 2021 held; the profile's TFR path scaled). Resampling rows keeps the
posterior's correlations; a key the scenario file sets stays fixed, and the other is drawn
from its posterior marginal.

Without a usable sample (no fit, a forward fit not accepted, no posterior recorded or the file
missing) the keys keep their judged ranges and `PosteriorDraws.note` says so: the caller prints
it. A posterior made from other data is an error (sim.inputs.posterior.load_posterior).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.analysis.calibration.windows import FORWARD_PARAMETERS, TFR_KEY, forward_paths
from sim.inputs.keys import FITTED_KEYS
from sim.inputs.posterior import load_posterior
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario
from sim.runs.assumption_space import Assumption

__all__ = ["PosteriorDraws", "posterior_draws", "ROW_STREAM"]

#: The posterior rows' generator is numpy PCG64 seeded with (seed, ROW_STREAM): a stream apart
#: from the judged draws' (seeded with seed alone).
ROW_STREAM = 4


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


def posterior_draws(scenario: Scenario, region: Region, space: list[Assumption], n: int,
                    seed: int) -> PosteriorDraws:
    """The fitted keys among `space` drawn from the region's posterior (module docstring)."""
    fitted = [a.key for a in space if a.key in FITTED_KEYS]
    held = [k for k in FITTED_KEYS if k in scenario.values]
    if not fitted:
        return PosteriorDraws([], note="no fitted key is uncertain in this scenario "
                                       f"({', '.join(held) or 'none'} set by the scenario)")
    lookup = load_posterior(region)
    if lookup.sample is None:
        return PosteriorDraws([], note=f"{', '.join(fitted)}: drawn from their judged ranges, "
                                       f"not a posterior: {lookup.reason}")
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
