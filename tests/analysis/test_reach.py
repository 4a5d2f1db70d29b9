"""Lever search on a case with a closed-form answer, an unreachable case, and a joint search."""

import pytest

from sim.analysis.reach import reach_joint, reach_one
from sim.core.errors import InputError
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.region import load_region
from tests.helpers import inputs_for, run

BASELINE = str(SCENARIOS_DIR / "hangzhou" / "baseline.yaml")


@pytest.fixture(scope="module")
def closed_form_places():
    """Infant-care places change only by the lever (no other flow), so with a constant x from
    2020, places(2025) = places(2020) + 5x; the target 4.5 per 1,000 residents in 2025 needs
    x = (4.5 × residents(2025) / 1000 − places(2020)) / 5. Residents do not depend on x."""
    residents_2025 = run(inputs_for("hangzhou"))["total_population"].sel(time=2025).item()
    places_2020 = load_region("hangzhou").health_2020["infant_care_places"]
    return (4.5 * residents_2025 / 1000 - places_2020) / 5


@pytest.mark.slow  # a root search of ~10 model runs
def test_single_lever_search_finds_the_closed_form_answer(closed_form_places):
    result = reach_one(BASELINE, "infant_care_places", "care.infant_place_construction")
    setting = result.setting["care.infant_place_construction"]
    assert setting == pytest.approx(closed_form_places, rel=1e-5)
    assert result.margin >= 0 and result.runs <= 12


def test_a_lever_that_cannot_reach_the_target_says_so():
    result = reach_one(BASELINE, "key_group_contracting", "care.infant_place_construction")
    assert result.setting is None and result.runs == 2
    assert "no setting of care.infant_place_construction" in result.message


@pytest.mark.slow  # COBYLA over two levers: ~100 model runs
def test_joint_search_spends_nothing_on_a_useless_lever(closed_form_places):
    result = reach_joint(BASELINE, "infant_care_places",
                         {"care.infant_place_construction": 1.0,
                          "care.growth_station_construction": 1.0})
    assert result.setting["care.growth_station_construction"] < 100  # of 10,000 allowed
    assert result.setting["care.infant_place_construction"] == pytest.approx(
        closed_form_places, rel=0.02)
    assert result.margin >= 0


def test_unknown_target_and_non_lever_are_input_errors():
    with pytest.raises(InputError, match="no such target"):
        reach_one(BASELINE, "gp_per_10k", "workforce.gp_training_places")
    with pytest.raises(InputError, match="not a lever"):
        reach_one(BASELINE, "gps_per_10000", "population.tfr")
