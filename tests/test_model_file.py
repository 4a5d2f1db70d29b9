"""The Vensim file itself: units declared and consistent for stocks and flows, views in
sync with the equation groups, and the time settings the cohort shift needs."""

import re

import pytest

from sim import engine
from sim.model import sketch

MDL = engine.MODEL_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():
    return engine.load_model().doc.set_index("Real Name")


def test_every_variable_declares_units(doc):
    variables = doc.drop(index="Time")
    missing = variables[variables["Units"].isna() | (variables["Units"].str.strip() == "")]
    assert missing.empty, f"no units: {list(missing.index)}"


def integ_flows():
    """(stock, [flow names]) for every INTEG in the model."""
    pattern = re.compile(r"^([A-Za-z][\w ]*?)\s*(?:\[[^\]]*\])?\s*=\s*INTEG\s*\(\s*(.*?),\s*"
                         r"initial", re.M | re.S)
    found = []
    for stock, rate in pattern.findall(MDL):
        rate = re.sub(r"\[[^\]]*\]", "", rate.replace("\\\n", " "))
        flows = [name.strip() for name in re.split(r"[+-]", rate) if name.strip()]
        found.append((stock.strip(), flows))
    return found


def test_flows_have_their_stocks_units_per_year(doc):
    stocks = integ_flows()
    assert {s for s, _ in stocks} == {"population", "hukou population"}
    for stock, flows in stocks:
        stock_units = doc.loc[stock, "Units"]
        assert flows, stock
        for flow in flows:
            assert doc.loc[flow, "Units"] == f"{stock_units}/Year", (stock, flow)


def test_views_list_every_variable_of_their_sector():
    assert MDL.split(sketch.SKETCH_MARK)[1] == sketch.sketch(MDL).split(sketch.SKETCH_MARK)[1], \
        "views out of date: run `python -m sim.model.sketch`"
    views = re.findall(r"^\*(.+)$", MDL.split(sketch.SKETCH_MARK)[1], re.M)
    assert views == ["Population", "Mortality", "Hukou", "Population outputs"]


def test_time_settings_for_the_exact_cohort_shift(doc):
    assert re.search(r"^TIME STEP\s*=\s*1\s*$", MDL, re.M)
    assert re.search(r"^INITIAL TIME\s*=\s*2020\s*$", MDL, re.M)
    assert doc.loc["TIME STEP", "Units"] == "Year"
