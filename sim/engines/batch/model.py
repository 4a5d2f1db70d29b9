"""`BatchModel`: a Vensim model compiled once, run for many parameter sets at a time."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import threading
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path, PurePath

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.errors import SimError
from sim.core.paths import cache_dir
from sim.engines.batch.blas import single_threaded
from sim.engines.batch.dataset import to_dataset
from sim.engines.batch.inputs import bind, prepared
from sim.engines.batch.integrate import integrate, save_times, saveper_of
from sim.engines.batch.structure import CompiledModel, compile_model
from sim.model.outputs import OUTPUTS

_CACHE: dict[str, BatchModel] = {}
_LOCK = threading.Lock()

Outputs = Mapping[str, str] | Sequence[str] | None

#: Samples integrated together. Larger chunks amortise Python's per-operation overhead;
#: smaller ones keep each array in the CPU caches (a chunk's (sex, age) array is 1.6 MB) and
#: bound the working memory, so a run's memory is its outputs plus one chunk's work.
CHUNK = 1000


class BatchModel:
    """A Vensim model compiled into NumPy functions (see sim.engines.batch)."""

    def __init__(self, compiled: CompiledModel, sha256: str):
        self.compiled = compiled
        self.sha256 = sha256

    @classmethod
    def from_mdl(cls, path: str | os.PathLike[str]) -> BatchModel:
        """Parse and compile `path` with PySD's Vensim parser; compiled models are kept in
        memory per content hash, so a changed file is compiled afresh."""
        path = Path(path)
        try:
            text = path.read_bytes()
        except OSError as error:
            raise SimError(f"{path}: cannot read the model ({error.strerror})") from None
        digest = hashlib.sha256(text).hexdigest()
        key = f"{digest}:{path.name}"  # the name too: messages quote it
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = cls(compile_model(_abstract_model(path), path.name), digest)
            return _CACHE[key]

    @property
    def variables(self) -> list[str]:
        return [v.name for v in self.compiled.variables.values()]

    def prepared(self, constants: Mapping[str, np.ndarray | xr.DataArray | float]) -> dict:
        """`constants` converted once for many runs (sim.engines.batch.inputs.prepared)."""
        return prepared(self.compiled, constants)

    def run(self, constants: Mapping[str, np.ndarray | xr.DataArray | float],
            series: Mapping[str, pd.Series | np.ndarray], start: int, end: int,
            samples: int = 1, *, time_step: float | None = None,
            saveper: float | None = None, outputs: Outputs = None, chunk: int = CHUNK,
            threads: int | None = None, backcast: bool = False) -> xr.Dataset:
        """Run from `start` to `end` for `samples` parameter sets at once.

        `constants` and `series` are keyed by model variable name (see sim.engines.batch.inputs for
        the forms allowed, and how an input varies per sample). `time_step` defaults to the
        model's TIME STEP, `saveper` (how often outputs are saved, from `start`) to the
        model's SAVEPER evaluated with this run's time step, as PySD's `run(time_step=...,
        saveper=...)` (a caller that wants yearly outputs whatever the .mdl says passes
        `saveper=1`); both take these values where an equation reads them. `outputs`
        (Dataset name -> model variable, or a list of model variables) defaults to
        sim.model.outputs.OUTPUTS. `start` must be the model's INITIAL
        TIME unless `backcast` is set: the run then starts at `start` (e.g. 2010) and the
        caller gives that year's state as the initial values (sim.analysis.calibration.runner).
        Samples are integrated `chunk` at a time, chunks in `threads` threads (default: one per
        CPU).
        Returns a Dataset with dims `time` (the saved times, integers when all are whole
        numbers) then the variable's own (with `sample` first when
        samples > 1).
        """
        model = self.compiled
        if not isinstance(samples, (int, np.integer)) or samples < 1:
            raise SimError(f"samples: given {samples!r}; allowed: a whole number from 1")
        initial = model.control("initial_time")
        model.control("final_time")  # refuses a FINAL TIME that is not a constant
        if initial is not None and initial != start and not backcast:
            raise SimError(f"the model's INITIAL TIME is {initial:g}, the run starts {start}")
        # This run's INITIAL and FINAL TIME, as the control values that read them see them.
        run_times = {"initial_time": start, "final_time": end}
        if time_step is None:
            time_step = model.control("time_step", run_times)
            time_step = 1.0 if time_step is None else time_step
        time_step = float(time_step)
        saveper = saveper_of(model, start, end, time_step) if saveper is None else float(saveper)
        times = save_times(start, end, time_step, saveper, model.source)
        wanted = self._outputs(outputs)
        inputs = bind(model, constants, series, start, end, samples)
        keys = list(dict.fromkeys(wanted.values()))
        saved: dict[str, np.ndarray] = {}
        # Even chunks of at least two samples: a value then has a sample axis of length 1 in
        # every chunk (the same for all samples) or in none.
        parts = [slice(p[0], p[-1] + 1)
                 for p in np.array_split(np.arange(samples), -(-samples // max(chunk, 2)))]

        def one(rows):
            return integrate(model, inputs.subset(rows), start, end, time_step, saveper, keys)

        workers = max(1, min(len(parts), threads or os.cpu_count() or 1))
        with single_threaded(), ThreadPoolExecutor(workers) as pool:
            results = pool.map(one, parts) if workers > 1 else map(one, parts)
            for rows, values in zip(parts, results):
                for key, value in values.items():
                    if value.shape[1] == 1:
                        saved.setdefault(key, value)
                        continue
                    if key not in saved:
                        saved[key] = np.empty((value.shape[0], samples, *value.shape[2:]))
                    saved[key][:, rows] = value
        return to_dataset(saved, model, wanted, times, samples)

    def _outputs(self, outputs: Outputs) -> dict[str, str]:
        if outputs is None:
            outputs = {o.name: o.model for o in OUTPUTS}
        elif not isinstance(outputs, Mapping):
            outputs = {name: name for name in outputs}
        keys = {}
        for name, variable in outputs.items():
            key = self.compiled.key_of(variable)
            if key is None:
                raise SimError(f"outputs['{name}']: '{variable}' is not a variable of "
                               f"{self.compiled.source}")
            keys[name] = key
        return keys


def _abstract_model(path: Path):
    """PySD's abstract model of `path`. Parsing takes ~0.7 s, so the result is kept on disk
    as JSON (data only: loading it runs no code, see `_from_json`) in the project cache, keyed
    by the file's hash and PySD's version; a changed file or a new PySD parses afresh. The
    cache is written atomically; an entry that does not decode is parsed again and rewritten."""
    key = hashlib.sha256(path.read_bytes()).hexdigest()[:16] + "-pysd" + version("pysd")
    cached = cache_dir() / "batch" / f"{path.stem}-{key}.json"
    if cached.exists():
        try:
            return _from_json(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # a damaged cache entry: parse again and rewrite it
    from pysd.translators.vensim.vensim_file import VensimFile  # heavy: pysd, only to parse

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vensim = VensimFile(str(path))
        vensim.parse()
        abstract = vensim.get_abstract_model()
    try:
        text = json.dumps(_to_json(abstract))
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent,
                                         delete=False) as handle:
            handle.write(text)
        os.replace(handle.name, cached)
    except (OSError, TypeError):  # a read-only checkout (or an unforeseen value) runs slower
        pass
    return abstract


def _abstract_classes() -> dict[str, type]:
    """The only classes `_from_json` builds: PySD's abstract-model dataclasses."""
    from pysd.translators.structures import abstract_expressions as ae  # heavy: pysd
    from pysd.translators.structures import abstract_model as am  # heavy: pysd

    return {name: cls for module in (am, ae) for name, cls in vars(module).items()
            if isinstance(cls, type) and dataclasses.is_dataclass(cls)
            and cls.__module__ == module.__name__}


def _to_json(value):
    """`value` (PySD's abstract model) as plain JSON data: a dataclass as its class name and
    fields; tuples, dicts, paths and numeric arrays tagged."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [_to_json(v) for v in value]}
    if isinstance(value, dict):
        return {"@": "dict", "v": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    if isinstance(value, PurePath):
        return {"@": "path", "v": str(value)}
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return {"@": "array", "dtype": value.dtype.str, "shape": list(value.shape),
                "v": value.ravel().tolist()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__,
                "f": {f.name: _to_json(getattr(value, f.name))
                      for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _from_json(data, classes: dict[str, type] | None = None):
    """The inverse of `_to_json`. Builds only plain values, numeric arrays and the dataclasses
    of `_abstract_classes` (through their fields, as in `dataclasses.replace`): no code named
    by the file ever runs. Anything else raises KeyError or ValueError."""
    classes = _abstract_classes() if classes is None else classes
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_from_json(v, classes) for v in data]
    tag = data["@"]
    if tag == "tuple":
        return tuple(_from_json(v, classes) for v in data["v"])
    if tag == "dict":
        return {_from_json(k, classes): _from_json(v, classes) for k, v in data["v"]}
    if tag == "path":
        return Path(str(data["v"]))
    if tag == "array":
        dtype = np.dtype(str(data["dtype"]))
        if dtype.kind not in "biuf":
            raise ValueError(f"array of {dtype}")
        return np.array(data["v"], dtype=dtype).reshape([int(n) for n in data["shape"]])
    cls = classes[tag]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values = {name: _from_json(v, classes) for name, v in data["f"].items()}
    if set(values) != set(fields):
        raise ValueError(f"{tag}: fields {sorted(values)}, expected {sorted(fields)}")
    obj = cls(**{n: v for n, v in values.items() if fields[n].init})
    for name, v in values.items():
        if not fields[name].init:
            object.__setattr__(obj, name, v)
    return obj
