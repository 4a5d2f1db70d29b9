"""The batch engine on tiny models: a named refusal where PySD's parse cannot tell what the
model says or the engine cannot save what the model asks, and the run options (time step,
SAVEPER) a caller gives (issue 14, item 1). The models both engines run against hand-computed
values are the conformance corpus (tests/engines/test_conformance_corpus.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sim.core.errors import SimError
from sim.engines.batch import BatchModel

CONTROL = """
FINAL TIME = {end} ~ Year ~|
INITIAL TIME = 0 ~ Year ~|
SAVEPER = {saveper} ~ Year ~|
TIME STEP = {dt} ~ Year ~|
"""


def write(tmp_path: Path, equations: str, end: str = "4", dt: str = "1",
          saveper: str = "TIME STEP") -> Path:
    path = tmp_path / "tiny.mdl"
    path.write_text("{UTF-8}\n" + equations + CONTROL.format(end=end, dt=dt, saveper=saveper),
                    encoding="utf-8")
    return path


# --- ^ and unary minus ---------------------------------------------------------------------
# The values both engines give, against hand-computed ones, are the conformance corpus's
# (tests/engines/conformance/, tests/engines/test_conformance_corpus.py); here, the refusals.

# PySD's parser folds the minus into the number: `-2^2` (Vensim: -4) and `(-2)^2` (Vensim: 4)
# both reach the engine as (-2)^2, and PySD's own run gives -4 for both (wrong for `(-2)^2`).
# The engine used to give 4, 12, 14, 4, nan, nan here; it now refuses them by name.
AMBIGUOUS = ["-2^2", "3*-2^2", "10+-2^2", "-(2)^2", "-2.5^0.5", "30^-30^-c", "(-2)^2",
             "2^-3^2"]


@pytest.mark.parametrize("expression", AMBIGUOUS)
def test_a_negative_number_as_the_base_of_power_is_refused(tmp_path, expression):
    path = write(tmp_path, f"c = 2 ~~|\nx = {expression} ~~|\n")
    with pytest.raises(SimError) as error:
        BatchModel.from_mdl(path)
    message = str(error.value)
    assert message.startswith("tiny.mdl: 'x': uses a negative number as the base of ^")
    assert "rewrite it as -(" in message


# --- control variables ---------------------------------------------------------------------

SAVEPER_STOCK = "s = INTEG(1/SAVEPER, 0) ~~|\n"


def test_saveper_equal_to_time_step_follows_the_runs_time_step(tmp_path):
    """SAVEPER = TIME STEP and a run at dt 0.25: s' = 4 a year, s(t) = 4t, saved every 0.25."""
    path = write(tmp_path, SAVEPER_STOCK)
    run = BatchModel.from_mdl(path).run({}, {}, 0, 4, time_step=0.25, outputs=["s"])
    times = np.arange(17) * 0.25
    np.testing.assert_array_equal(run["time"].values, times)
    np.testing.assert_allclose(run["s"].values, 4 * times, rtol=1e-14)


def test_yearly_outputs_are_the_callers_explicit_choice(tmp_path):
    """saveper=1 saves whole years whatever the .mdl says (the project's runs ask for it);
    SAVEPER in equations then has the caller's value too, as PySD's run(saveper=1) gives it:
    s' = 1/1, s(t) = t."""
    path = write(tmp_path, SAVEPER_STOCK, dt="0.25", saveper="0.5")
    run = BatchModel.from_mdl(path).run({}, {}, 0, 4, saveper=1, outputs=["s"])
    assert run["time"].values.tolist() == [0, 1, 2, 3, 4]
    assert run["time"].dtype.kind == "i"
    np.testing.assert_allclose(run["s"].values, [0, 1, 2, 3, 4], rtol=1e-14)


@pytest.mark.parametrize("dt, saveper", [("1", "1.5"), ("1", "0.5"), ("0.25", "0.3")])
def test_a_saveper_that_is_not_a_multiple_of_the_time_step_is_refused(tmp_path, dt, saveper):
    """PySD saves only the steps that land on a multiple of SAVEPER (1.5 with dt 1: times 0,
    3, 6...; 0.5 with dt 1: every step); Vensim asks for TIME STEP <= SAVEPER."""
    path = write(tmp_path, SAVEPER_STOCK, dt=dt, saveper=saveper)
    with pytest.raises(SimError) as error:
        BatchModel.from_mdl(path).run({}, {}, 0, 6, outputs=["s"])
    assert str(error.value) == (f"tiny.mdl: SAVEPER: given {float(saveper):g}; allowed: a "
                                f"whole multiple of the time step ({float(dt):g})")


@pytest.mark.parametrize("control, given", [
    ({"dt": "1 + 0 * Time"}, "TIME STEP: must be a constant; given an expression of Time"),
    ({"end": "4 + 0 * Time"}, "FINAL TIME: must be a constant; given an expression of Time"),
    ({"saveper": "1 + 0 * Time"}, "SAVEPER: must be a constant; given an expression of Time"),
    ({"saveper": "c"}, "SAVEPER: must be a constant; given an expression of c"),
])
def test_control_variables_that_are_not_constants_are_refused(tmp_path, control, given):
    """They used to be replaced: TIME STEP by 1, SAVEPER by 1, FINAL TIME ignored."""
    path = write(tmp_path, SAVEPER_STOCK + "c = 1 ~~|\n", **control)
    with pytest.raises(SimError) as error:
        BatchModel.from_mdl(path).run({}, {}, 0, 4, outputs=["s"])
    assert str(error.value).startswith(f"tiny.mdl: {given}; allowed: ")


def test_a_zero_time_step_is_refused_not_replaced_by_one(tmp_path):
    path = write(tmp_path, SAVEPER_STOCK, dt="0")
    with pytest.raises(SimError, match="time step: given 0.0; allowed: a positive number"):
        BatchModel.from_mdl(path).run({}, {}, 0, 4, outputs=["s"])


# --- subscripts ----------------------------------------------------------------------------

def test_an_element_with_its_own_range_on_a_left_hand_side_is_refused_by_name(tmp_path):
    """`matrix[A, dim]` with A in dim used to raise a bare StopIteration."""
    path = write(tmp_path, "dim: A, B ~~|\nmatrix[A, dim] = 1 ~~|\n")
    with pytest.raises(SimError) as error:
        BatchModel.from_mdl(path)
    assert str(error.value).startswith(
        "tiny.mdl: 'matrix': [A, dim]: the element 'A' and its own range 'dim' in one "
        "subscript list")
