"""The plan-target catalogs: every real file loads, and bad entries give one-line errors."""

import pytest
import yaml

from sim.analysis.targets import load_targets
from sim.core.errors import InputError
from sim.inputs.region import list_regions

GOOD = {"id": "gp", "indicator": "gps_per_10000_hukou", "comparison": ">=", "level": 6,
        "deadline": 2025, "source": "seeds/000_bace529e69db1a54.txt:182"}


@pytest.mark.parametrize("region", list_regions())
def test_every_region_has_sourced_targets(region):
    targets = load_targets(region)
    assert targets, region
    for target in targets:
        assert target.source.strip()
        assert 2020 <= target.deadline <= 2050


def test_the_seeds_targets_are_in_the_catalog():
    hangzhou = {t.id: t for t in load_targets("hangzhou")}
    assert hangzhou["gps_per_10000"].level == 6
    assert hangzhou["elderly_health_management"].level == 0.72
    jiamusi = {t.id: t for t in load_targets("jiamusi")}
    assert jiamusi["hypertension_primary_care_standardized_management"].select == {
        "condition": "hypertension"}


@pytest.mark.parametrize("change, key, given", [
    ({"indicator": "gps_per_10k"}, "targets.0.indicator", "gps_per_10k"),
    ({"comparison": "=>"}, "targets.0.comparison", "=>"),
    ({"deadline": 2060}, "targets.0.deadline", "2060"),
    ({"level": "six"}, "targets.0.level", "six"),
    ({"select": {"condition": "asthma"}}, "targets.0.select.condition", "asthma"),
    ({"select": {"disease": "diabetes"}}, "targets.0.select", "disease"),
    ({"sourse": "x"}, "targets.0.sourse", "sourse"),
])
def test_bad_target_gives_one_line(tmp_path, change, key, given):
    folder = tmp_path / "hangzhou"
    folder.mkdir()
    entry = {**GOOD, **change}
    (folder / "targets.yaml").write_text(
        yaml.safe_dump({"region": "hangzhou", "targets": [entry]}, allow_unicode=True),
        encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_targets("hangzhou", calibration_dir=tmp_path)
    message = str(error.value)
    assert "targets.yaml" in message and key in message and given in message
    assert "\n" not in message


def test_duplicate_ids_and_wrong_region_are_errors(tmp_path):
    folder = tmp_path / "hangzhou"
    folder.mkdir()
    path = folder / "targets.yaml"
    path.write_text(yaml.safe_dump({"region": "hangzhou", "targets": [GOOD, GOOD]}),
                    encoding="utf-8")
    with pytest.raises(InputError, match="duplicate target id"):
        load_targets("hangzhou", calibration_dir=tmp_path)
    path.write_text(yaml.safe_dump({"region": "lishui", "targets": [GOOD]}), encoding="utf-8")
    with pytest.raises(InputError, match="region does not match"):
        load_targets("hangzhou", calibration_dir=tmp_path)
