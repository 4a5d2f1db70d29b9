"""The batch engine: the Vensim model evaluated with NumPy, many parameter sets in one pass.

PySD (sim.engines.pysd_runner) stays the reference; this engine builds on PySD's parser (its
`AbstractModel`), evaluates the same equations on arrays with a leading sample axis, and must
agree with PySD's run to tight tolerance (tests/engines/test_batch_engine.py).

Stages, one module each:

    subscripts.py  ranges, subranges, equivalences          (what a subscript names)
    axes.py        arrays with named dimensions              (how values line up)
    functions.py   Vensim operators and functions on arrays  (what an operation computes)
    compile.py     one equation's syntax tree -> a function  (PySD's builders' semantics)
    structure.py   the whole model -> variables, stocks      (piecewise definitions joined)
    order.py       evaluation order from the dependencies    (stocks break the loops)
    inputs.py      constants and yearly series -> arrays     (per sample where they vary)
    integrate.py   Euler integration, saved every SAVEPER    (as PySD integrates)
    naming.py      model labels <-> the project's            (sim.model.dimensions' convention)
    dataset.py     results -> the same Dataset as PySD's
    blas.py        one BLAS thread during a run              (small products, parallel chunks)
    model.py       BatchModel: compile once (cached by hash), run many, in chunks of samples
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import xarray as xr

from sim.engines.batch.model import BatchModel
from sim.model import MODEL_FILE

__all__ = ["BatchModel", "run_batch"]


def run_batch(constants: Mapping[str, np.ndarray | xr.DataArray | float],
              series: Mapping[str, pd.Series | np.ndarray], start: int, end: int,
              samples: int = 1, progress=None) -> xr.Dataset:
    """Run the repository's model (sim/model/health_system.mdl) like
    sim.engines.pysd_runner.run_pysd, with a time step of 1 year and yearly outputs (the
    project's results are yearly whatever the .mdl's SAVEPER), for `samples` parameter sets at
    once."""
    model = BatchModel.from_mdl(MODEL_FILE)
    if progress:
        progress(f"running the model with the batch engine, {start}-{end}, "
                 f"{samples} sample{'s' if samples > 1 else ''}")
    return model.run(constants, series, start, end, samples=samples, time_step=1,
                     saveper=1)
