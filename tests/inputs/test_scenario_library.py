"""Every scenario in scenarios/ says what question it answers, validates, and runs."""

import numpy as np
import pytest

from sim.inputs.scenario import load_scenario
from tests.helpers import LIBRARY, assert_mass_balance, library_id, library_run

FILES = LIBRARY
REQUIRED = {"hangzhou": {"baseline", "plan", "low_fertility", "gp_expansion", "nursing_conversion",
                         "family_doctor_push", "fiscal_constraint"},
            "lishui": {"baseline", "plan"}, "jiamusi": {"baseline", "plan",
                                                        "continued_out_migration"}}


def test_the_library_has_the_scenarios_planners_ask_for():
    present = {(p.parent.name, p.stem) for p in FILES}
    for region, names in REQUIRED.items():
        assert {(region, n) for n in names} <= present
    assert sum(1 for p in FILES if p.parent.name in ("lishui", "jiamusi")) >= 6


@pytest.mark.parametrize("path", FILES, ids=library_id)
def test_scenario_states_its_question_and_runs(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "?" in text.split("\nname:")[0], "first comment: the question"
    scenario = load_scenario(path)
    if scenario.chain[1:]:  # a variant lists only what differs from its base
        assert "region:" not in text
    ds = library_run(path)  # the same run the engine-agreement test compares with PySD
    for name, variable in ds.data_vars.items():
        assert np.all(np.isfinite(variable.values)), name
    assert_mass_balance(ds)
