"""Lever search on a case with a closed-form answer, an unreachable case, a joint search, a
mid-term start (--from), the baseline kept (never silently zeroed), cached runs, targets set by
input refused, and the answer for people (rounded, in Chinese or English)."""

import numpy as np
import pytest

from sim.analysis.reach import FromYear, ReachResult, Search, reach_joint, reach_one
from sim.analysis.targets import load_targets
from sim.core.errors import InputError
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.region import load_region
from sim.inputs.timeseries import parse_series
from sim.interfaces import cli
from sim.reports.reach_report import meaningful, reach_text
from tests.helpers import inputs_for, run

BASELINE = str(SCENARIOS_DIR / "hangzhou" / "baseline.yaml")
PLACES = "care.infant_place_construction"


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
    result = reach_one(BASELINE, "infant_care_places", PLACES)
    setting = result.setting[PLACES]
    assert setting == pytest.approx(closed_form_places, rel=1e-5)
    assert result.margin >= 0 and result.runs <= 12
    assert result.outcome == "increase" and result.start == 2020
    assert result.baseline[PLACES] == pytest.approx(
        load_region("hangzhou").defaults[PLACES].values(np.array([2020]))[0])
    assert result.baseline_margin < 0 <= result.margin


@pytest.mark.slow  # a root search of ~6 model runs
def test_from_a_later_year_keeps_the_earlier_years_and_needs_more_a_year(closed_form_places):
    """From 2024 the places added in the model years 2020-2023 are the baseline's, so the gap
    must be closed by the places added in 2024 (1 Nov 2024 to 1 Nov 2025) alone:
    x = 4.5 × residents(2025)/1000 − places(2020) − 4 × base = 5 × closed form − 4 × base."""
    base = load_region("hangzhou").defaults[PLACES].values(np.array([2020]))[0]
    result = reach_one(BASELINE, "infant_care_places", PLACES, start=2024)
    expected = 5 * closed_form_places - 4 * base
    assert result.setting[PLACES] == pytest.approx(expected, rel=1e-5)
    assert result.start == 2024 and result.setting[PLACES] > closed_form_places


def test_the_lever_path_changes_from_the_start_year_only():
    base = parse_series({"ramp": {"from": 100, "to": 200, "start": 2020, "end": 2030}}, None, "x")
    path = FromYear(base, 2024, 500.0).values(np.arange(2020, 2027))
    assert list(path) == [100, 110, 120, 130, 500, 500, 500]


def test_a_target_the_baseline_reaches_keeps_the_lever_where_it_is():
    """GPs per 10,000 is reached at Hangzhou's baseline: the answer is the baseline setting of
    GP training places, not the bottom of its range (0)."""
    result = reach_one(BASELINE, "gps_per_10000", "workforce.gp_training_places")
    base = load_region("hangzhou").defaults["workforce.gp_training_places"].values(
        np.array([2020]))[0]
    assert base > 0
    assert result.outcome == "already_reached" and result.runs == 1
    assert result.setting == {"workforce.gp_training_places": base}
    text = reach_text(result, "zh")
    assert "无需改变" in text and f"{base:,.0f}" in text and " 0 " not in text


def test_a_lever_that_cannot_reach_the_target_says_so():
    result = reach_one(BASELINE, "key_group_contracting", PLACES)
    assert result.setting is None and result.outcome == "unreachable"
    assert result.runs == 3  # the baseline, the top and the bottom of the range
    assert "no setting of care.infant_place_construction" in result.message
    assert "无法达成" in reach_text(result, "zh")
    assert "no setting of care.infant_place_construction" in reach_text(result, "en")


def test_identical_settings_are_run_once():
    search = Search(BASELINE, "infant_care_places")
    for _ in range(3):
        search.margin({PLACES: 5000.0})
    assert search.runs == 2 and len(search.history) == 4  # the baseline and 5000, each once


@pytest.mark.slow  # COBYLA over two levers: ~100 model runs
def test_joint_search_spends_nothing_on_a_useless_lever(closed_form_places):
    result = reach_joint(BASELINE, "infant_care_places",
                         {PLACES: 1.0, "care.growth_station_construction": 1.0})
    base = result.baseline["care.growth_station_construction"]
    assert result.setting["care.growth_station_construction"] < base + 100  # of 10,000
    assert result.setting["care.growth_station_construction"] >= base       # never below it
    assert result.setting[PLACES] == pytest.approx(closed_form_places, rel=0.02)
    assert result.margin >= 0


def test_unknown_target_and_non_lever_are_input_errors():
    with pytest.raises(InputError, match="no such target"):
        reach_one(BASELINE, "gp_per_10k", "workforce.gp_training_places")
    with pytest.raises(InputError, match="not a lever"):
        reach_one(BASELINE, "gps_per_10000", "population.tfr")
    with pytest.raises(InputError, match="--from"):
        reach_one(BASELINE, "gps_per_10000", "workforce.gp_training_places", start=2026)


@pytest.mark.parametrize("target_id", ["life_expectancy", "geriatric_rehabilitation_nursing_beds"])
def test_a_target_set_by_input_is_refused_and_says_so(target_id, capsys):
    assert target_id in {t.id for t in load_targets("hangzhou")}
    with pytest.raises(InputError, match="set by input, not projected"):
        Search(BASELINE, target_id)
    assert cli.main(["reach", BASELINE, "--target", target_id, "--lever", PLACES,
                     "--quiet"]) == 2
    assert "set by input, not projected" in capsys.readouterr().err


def test_meaningful_digits():
    assert meaningful(7228.0831) == 7228 and meaningful(7228.0831, direction=1) == 7229
    assert meaningful(2.16e-14) == 0
    assert meaningful(0.412349, direction=1) == 0.4124
    assert meaningful(1234567.8) == 1234568 and meaningful(140.0) == 140
    assert meaningful(25140.4, direction=1) == 25141          # whole units, never coarser


def test_the_answer_shows_baseline_required_and_change_rounded():
    target = next(t for t in load_targets("hangzhou") if t.id == "infant_care_places")
    result = ReachResult("infant_care_places", (PLACES,), {PLACES: 7228.0831}, 2.16e-14, 7,
                         "", "increase", 2024, {PLACES: 2750.0}, -1.749, 2.751, 4.5 + 2.16e-14,
                         target)
    en = reach_text(result, "en")
    assert "baseline 2,750 → required 7,229 place/year (change +4,479, +163%)" in en
    assert "from 2024 on" in en and "2.75 in 2025" in en and "e-14" not in en
    assert "shortfall -1.75" in en and "margin +0.00" in en
    zh = reach_text(result, "zh")
    assert "基线 2,750 → 所需 7,229 托位/年（变化 +4,479，+163%）" in zh
    assert "自2024年起" in zh and "New infant-care places" not in zh
