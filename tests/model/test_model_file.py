"""The Vensim file itself: units declared and consistent for stocks and flows, views in
sync with the equation groups, and the time settings the cohort shift needs."""

import re

import pytest

from sim.engines import pysd_runner as engine
from sim.model import MODEL_FILE, sketch

MDL = MODEL_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():
    return engine.load_model().doc.set_index("Real Name")


def test_every_variable_declares_units(doc):
    variables = doc.drop(index="Time")
    missing = variables[variables["Units"].isna() | (variables["Units"].str.strip() == "")]
    assert missing.empty, f"no units: {list(missing.index)}"


def integ_flows():
    """(stock, [flow names]) for every INTEG in the model: the terms of its rate argument."""
    found = []
    for match in re.finditer(r"^([A-Za-z][\w ]*?)\s*(?:\[[^\]]*\])?\s*=\s*INTEG\s*\(", MDL,
                             re.M):
        depth, i = 0, match.end()
        while not (MDL[i] == "," and depth == 0):  # the rate ends at the first top-level comma
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(MDL[i], 0)
            i += 1
        rate = re.sub(r"\[[^\]]*\]", "", MDL[match.end():i].replace("\\\n", " "))
        flows = [" ".join(name.split()) for name in re.split(r"[+-]", rate) if name.strip()]
        found.append((match.group(1).strip(), flows))
    return found


def test_flows_have_their_stocks_units_per_year(doc):
    stocks = integ_flows()
    assert {"population", "hukou population", "beds", "managed patients",
            "registered nurses"} <= {s for s, _ in stocks}
    for stock, flows in stocks:
        stock_units = doc.loc[stock, "Units"]
        assert flows, stock
        for flow in flows:
            assert doc.loc[flow, "Units"] == f"{stock_units}/Year", (stock, flow)


def test_views_list_every_variable_of_their_sector():
    assert MDL.split(sketch.SKETCH_MARK)[1] == sketch.sketch(MDL).split(sketch.SKETCH_MARK)[1], \
        "views out of date: run `python -m sim.model.sketch`"
    views = re.findall(r"^\*(.+)$", MDL.split(sketch.SKETCH_MARK)[1], re.M)
    assert views == ["Population", "Mortality", "Hukou", "Population outputs", "Chronic disease",
                     "Beds", "Workforce", "Care for young and old", "Indicators"]


def test_time_settings_for_the_exact_cohort_shift(doc):
    assert re.search(r"^TIME STEP\s*=\s*1\s*$", MDL, re.M)
    assert re.search(r"^INITIAL TIME\s*=\s*2020\s*$", MDL, re.M)
    assert doc.loc["TIME STEP", "Units"] == "Year"


def test_the_scenario_key_reference_is_up_to_date():
    from sim.core.paths import PROJECT_ROOT
    from sim.inputs.keys import keys_markdown

    written = (PROJECT_ROOT / "docs" / "scenario_keys.md").read_text(encoding="utf-8")
    assert written == keys_markdown(), ("regenerate: python -m sim.inputs.keys "
                                        "> docs/scenario_keys.md")
