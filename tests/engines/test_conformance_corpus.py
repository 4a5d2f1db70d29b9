"""The conformance corpus (tests/engines/conformance/): every small Vensim model there runs on
both engines, the batch engine and PySD, and each must give the hand-computed values written
beside the model (issue 14, item 1).

Each `<case>.mdl` has a `<case>.yaml` beside it:

    case:        what the model exercises
    source:      where the Vensim semantics come from, when not plain arithmetic
    derivation:  how the expected values were computed by hand
    times:       the saved times (INITIAL TIME, then every SAVEPER up to FINAL TIME)
    expected:    variable -> a number (the same at every saved time), a list (one value per
                 saved time), or a mapping element -> either of those (nested for two
                 dimensions, in the variable's dimension order)
    batch:       {refused: text}  the batch engine refuses the model, naming the file and
                 the variable with this text (it cannot tell what the model says)
    pysd:        {wrong: reason, raises: error}  PySD's run does not give the Vensim value
                 (or, with `raises`, fails with that exception): the PySD case is an
                 expected failure (strict: it fails the suite once PySD is fixed)

The engines run the model with its own control variables (INITIAL TIME, FINAL TIME, TIME STEP
and SAVEPER, expressions included). PySD's translation is cached under .cache/pysd (first run
~1 s a model, later ones load it); the batch engine's parse under .cache/batch.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
import yaml

from sim.core.errors import SimError
from sim.engines.batch import BatchModel
from sim.engines.batch import functions as fn
from sim.engines.pysd_runner import load_model

CORPUS = Path(__file__).parent / "conformance"
MODELS = sorted(CORPUS.glob("*.mdl"))
ENGINES = ("batch", "pysd")


def spec(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))


def cases():
    for path in MODELS:
        pysd = spec(path).get("pysd") or {}
        for engine in ENGINES:
            marks = []
            if engine == "pysd" and pysd:
                raises = {"ValueError": ValueError}.get(pysd.get("raises"), AssertionError)
                marks = [pytest.mark.xfail(reason=f"PySD is wrong here: {pysd['wrong']}",
                                           strict=True, raises=raises)]
            yield pytest.param(path, engine, id=f"{path.stem}-{engine}", marks=marks)


def leaves(expected: dict):
    """(variable, {element position: element}, value or values) for each expected value."""
    for name, value in expected.items():
        yield from _leaves(name, (), value)


def _leaves(name: str, elements: tuple[str, ...], value):
    if isinstance(value, dict):
        for element, inner in value.items():
            yield from _leaves(name, (*elements, str(element)), inner)
    else:
        yield name, elements, value


def check(name: str, elements: tuple[str, ...], times: list[float], got: np.ndarray,
          want) -> None:
    want = np.broadcast_to(np.asarray(want, dtype=float), (len(times),))
    label = f"{name}[{', '.join(elements)}]" if elements else name
    np.testing.assert_allclose(np.asarray(got, dtype=float), want, rtol=1e-12, atol=1e-12,
                               err_msg=f"{label} at times {times}")


def run_batch(path: Path, names: list[str]):
    model = BatchModel.from_mdl(path)
    start = model.compiled.control("initial_time")
    end = model.compiled.control("final_time")
    assert start is not None and end is not None, "every corpus model sets its times"
    return model.run({}, {}, start, end, outputs=names)


def run_pysd(path: Path, names: list[str]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_model(path).run(return_columns=names, flatten_output=False)


def test_the_corpus_is_complete():
    """Every model has its expectations, every expectation its model, and each lists the
    saved times and at least one expected value."""
    assert len(MODELS) >= 30
    assert {p.stem for p in CORPUS.glob("*.yaml")} == {p.stem for p in MODELS}
    for path in MODELS:
        case = spec(path)
        assert {"case", "derivation", "times", "expected"} <= set(case), path.name
        assert set(case) <= {"case", "source", "derivation", "times", "expected", "batch",
                             "pysd"}, path.name
        for name, _, value in leaves(case["expected"]):
            assert np.ndim(value) == 0 or len(value) == len(case["times"]), (path.name, name)


def test_every_construct_the_batch_engine_supports_has_a_corpus_model():
    """One model per entry of the engine's list (sim.engines.batch.compile.supported): a
    function added to the engine without a corpus model fails here."""
    functions = {f"construct_{name}" for name in (*fn.ELEMENTWISE, *fn.REDUCTIONS)}
    others = {"construct_integ", "construct_number_lists", "construct_arithmetic",
              "construct_comparisons", "construct_logic", "construct_time",
              "construct_control_variables", "construct_subrange", "construct_equivalence",
              "construct_element_reference", "construct_piecewise"}
    stems = {p.stem for p in MODELS}
    assert functions | others <= stems, sorted((functions | others) - stems)
    assert {p for p in stems if p.startswith("construct_")} == functions | others


@pytest.mark.parametrize("path, engine", cases())
def test_corpus_model_gives_the_hand_computed_values(path, engine):
    case = spec(path)
    expected, times = case["expected"], [float(t) for t in case["times"]]
    names = list(expected)
    refused = (case.get("batch") or {}).get("refused")
    if engine == "batch":
        if refused:
            with pytest.raises(SimError) as error:
                run_batch(path, names)
            assert str(error.value).startswith(f"{path.name}: {refused}"), str(error.value)
            return
        ds = run_batch(path, names)
        np.testing.assert_allclose(ds["time"].values, times, rtol=0, atol=1e-12)
        for name, elements, want in leaves(expected):
            values = ds[name]
            dims = [d for d in values.dims if d != "time"]
            got = values.sel(dict(zip(dims, elements, strict=True))).values
            check(name, elements, times, got, want)
    else:
        frame = run_pysd(path, names)
        np.testing.assert_allclose(np.asarray(frame.index, dtype=float), times, rtol=0,
                                   atol=1e-12)
        for name, elements, want in leaves(expected):
            column = frame[name]
            if elements:
                got = [float(cell.sel(dict(zip(cell.dims, elements, strict=True))))
                       for cell in column]
            else:
                got = column.to_numpy(dtype=float)
            check(name, elements, times, np.asarray(got), want)
