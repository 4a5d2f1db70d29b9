"""Regions given by their Chinese or English name (杭州, 杭州市, Hangzhou) as well as by folder
name, matched through each profile's name_zh and name_en (sim.inputs.region.resolve_region)."""

import pytest

from sim.core.errors import InputError
from sim.inputs.region import load_region, resolve_region
from sim.inputs.scenario import load_scenario
from sim.interfaces import cli


@pytest.mark.parametrize("name, folder", [
    ("杭州", "hangzhou"), ("杭州市", "hangzhou"), ("Hangzhou", "hangzhou"),
    ("hangzhou", "hangzhou"), ("丽水", "lishui"), ("丽水市", "lishui"),
    ("佳木斯", "jiamusi"), ("佳木斯市", "jiamusi"), (" 佳木斯市 ", "jiamusi")])
def test_chinese_and_english_names_find_the_region(name, folder):
    assert resolve_region(name) == folder


def test_the_names_come_from_the_profiles_not_a_table(tmp_path):
    region = tmp_path / "wenzhou"
    region.mkdir()
    (region / "profile.yaml").write_text("region: wenzhou\nname_en: Wenzhou\nname_zh: 温州市\n",
                                         encoding="utf-8")
    assert resolve_region("温州", tmp_path) == "wenzhou"
    assert resolve_region("杭州", tmp_path) == "杭州"   # not in this calibration folder


def test_an_unknown_name_is_still_an_unknown_region():
    assert resolve_region("温州") == "温州"
    with pytest.raises(InputError, match="unknown region"):
        load_region("温州")


def test_a_scenario_and_the_loader_accept_chinese_names(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("region: 丽水市\nyears: {start: 2020, end: 2030}\n", encoding="utf-8")
    assert load_scenario(path).region == "lishui"   # the folder name: results/lishui/...
    assert load_region("杭州").name == "hangzhou"
    assert cli.main(["validate", str(path)]) == 0
