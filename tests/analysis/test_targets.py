"""The plan-target catalogs: every real file loads, every seed line it cites holds the target's
level (and the quote of a not-modelled target), and bad entries give one-line errors."""

import pytest
import yaml

from sim.analysis.targets import load_catalog, load_targets, source_problems
from sim.core.errors import InputError
from sim.core.paths import PROJECT_ROOT
from sim.inputs.region import list_regions

#: The plan documents the catalogs cite as seeds/<file>:<line>; CI checks them out beside the
#: project, so a missing folder is a failure, not a skip.
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

GOOD = {"id": "gp", "indicator": "gps_per_10000_hukou", "comparison": ">=", "level": 6,
        "deadline": 2025, "source": "seeds/000_bace529e69db1a54.txt:182"}
NOT_MODELLED = {"id": "health_workers_total", "text": "全市各类卫生健康人员总量达到20万人",
                "level": 200000, "unit": "persons", "deadline": 2025,
                "source": "seeds/000_bace529e69db1a54.txt:260",
                "reason": "the model has no total of health workers"}


def write_catalog(tmp_path, targets, not_modelled=None, region="hangzhou"):
    folder = tmp_path / "hangzhou"
    folder.mkdir(exist_ok=True)
    content = {"region": region, "targets": targets}
    if not_modelled is not None:
        content["not_modelled"] = not_modelled
    (folder / "targets.yaml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                         encoding="utf-8")


@pytest.mark.parametrize("region", list_regions())
def test_every_region_has_sourced_targets(region):
    catalog = load_catalog(region)
    assert catalog.targets, region
    assert catalog.targets == load_targets(region)
    for entry in catalog.targets + catalog.not_modelled:
        assert entry.source.strip()
        assert 2020 <= entry.deadline <= 2050
    for entry in catalog.not_modelled:
        assert entry.text.strip() and entry.reason.strip()


@pytest.mark.parametrize("region", list_regions())
def test_every_cited_seed_line_holds_the_level(region):
    assert SEEDS.is_dir(), (f"the plan documents are not at {SEEDS}: the catalog check needs "
                            "them (../shared/seeds beside the project)")
    catalog = load_catalog(region)
    assert source_problems(catalog.targets + catalog.not_modelled, seeds_dir=SEEDS) == []


def test_the_seeds_targets_are_in_the_catalog():
    hangzhou = load_catalog("hangzhou")
    by_id = {t.id: t for t in hangzhou.targets}
    assert by_id["gps_per_10000"].level == 6
    assert by_id["elderly_health_management"].level == 0.72
    not_modelled = {n.id: n for n in hangzhou.not_modelled}
    assert not_modelled["health_workers_total"].level == 200000
    assert not_modelled["primary_care_visit_share"].level == 0.65
    assert not_modelled["infant_health_management"].level == 0.95
    lishui = {t.id: t for t in load_targets("lishui")}
    assert lishui["nursing_beds_share_of_primary_care"].level == 0.30
    assert "contracting_all_households" in {n.id for n in load_catalog("lishui").not_modelled}
    jiamusi = {t.id: t for t in load_targets("jiamusi")}
    assert jiamusi["hypertension_primary_care_standardized_management"].select == {
        "condition": "hypertension"}
    assert {"maternal_and_under_3_systematic_management", "premature_chronic_disease_mortality"
            } <= {n.id for n in load_catalog("jiamusi").not_modelled}


@pytest.mark.parametrize("region", list_regions())
def test_primary_care_service_rate_is_the_standardized_management_rate(region):
    # 基层规范管理服务率 is 规范管理率 (standardized / under management): every target on it,
    # 2025 (Jiamusi 004:374) or 2030 (both diseases), is judged on one indicator.
    for target in load_targets(region):
        if "standardized_management" in target.id:
            assert target.indicator == "standardized_management_rate", target.id


@pytest.mark.parametrize("change, problem", [
    ({"level": 7}, "the level 7 is not on the cited line"),
    ({"source": "seeds/000_bace529e69db1a54.txt:260"}, "the level 6 is not on the cited line"),
    ({"source": "seeds/000_bace529e69db1a54.txt:9999"}, "the file has lines 1 to"),
    ({"source": "seeds/999_missing.txt:1"}, "no seed file 999_missing.txt"),
])
def test_a_level_not_on_its_line_is_found(tmp_path, change, problem):
    write_catalog(tmp_path, [{**GOOD, **change}])
    catalog = load_catalog("hangzhou", calibration_dir=tmp_path)
    problems = source_problems(catalog.targets, seeds_dir=SEEDS)
    assert len(problems) == 1 and problem in problems[0] and problems[0].startswith("gp: ")


@pytest.mark.parametrize("change, problem", [
    ({"level": 0.20, "unit": "share"}, "the level 20% is not on the cited line"),
    ({"text": "全市各类卫生健康人员总量达到30万人"}, "is not on the cited line"),
    ({"text": "全市各类卫生健康人员总量"}, "does not hold the level 200000"),
])
def test_a_not_modelled_quote_or_level_not_on_its_line_is_found(tmp_path, change, problem):
    write_catalog(tmp_path, [GOOD], [{**NOT_MODELLED, **change}])
    catalog = load_catalog("hangzhou", calibration_dir=tmp_path)
    problems = source_problems(catalog.not_modelled, seeds_dir=SEEDS)
    assert any(problem in p for p in problems), problems


def test_shares_are_found_as_percents_and_publications_are_not_checked(tmp_path):
    # 000:276 writes 30%以上 (the fraction 0.30, not the text "0.3"); a publication is named only.
    share = {**GOOD, "id": "nursing", "indicator": "nursing_share_of_primary_care_beds",
             "level": 0.30, "source": "seeds/000_bace529e69db1a54.txt:276"}
    publication = {**GOOD, "id": "doctors", "indicator": "doctors_per_1000_residents",
                   "level": 3.7, "source": "15th five-year plan (健康报 2026-03-17)"}
    write_catalog(tmp_path, [share, publication])
    catalog = load_catalog("hangzhou", calibration_dir=tmp_path)
    assert source_problems(catalog.targets, seeds_dir=SEEDS) == []
    wrong = [{**share, "level": 0.003}]
    write_catalog(tmp_path, wrong)
    catalog = load_catalog("hangzhou", calibration_dir=tmp_path)
    assert source_problems(catalog.targets, seeds_dir=SEEDS) != []


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
    write_catalog(tmp_path, [{**GOOD, **change}])
    with pytest.raises(InputError) as error:
        load_targets("hangzhou", calibration_dir=tmp_path)
    message = str(error.value)
    assert "targets.yaml" in message and key in message and given in message
    assert "\n" not in message


@pytest.mark.parametrize("change, key, given", [
    ({"resaon": "x"}, "not_modelled.0.resaon", "resaon"),
    ({"deadline": 2019}, "not_modelled.0.deadline", "2019"),
    ({"text": ""}, "not_modelled.0.text", ""),
    ({"level": [1, 2]}, "not_modelled.0.level: wrong type", "[1, 2]"),
    ({"level": True}, "not_modelled.0.level: wrong type", "true"),
])
def test_bad_not_modelled_entry_gives_one_line(tmp_path, change, key, given):
    write_catalog(tmp_path, [GOOD], [{**NOT_MODELLED, **change}])
    with pytest.raises(InputError) as error:
        load_catalog("hangzhou", calibration_dir=tmp_path)
    message = str(error.value)
    assert "targets.yaml" in message and key in message and given in message
    assert "\n" not in message


def test_a_missing_field_of_a_not_modelled_entry_is_named(tmp_path):
    entry = dict(NOT_MODELLED)
    del entry["reason"]
    write_catalog(tmp_path, [GOOD], [entry])
    with pytest.raises(InputError, match=r"not_modelled\.0\.reason: required key is missing"):
        load_catalog("hangzhou", calibration_dir=tmp_path)


def test_duplicate_ids_and_wrong_region_are_errors(tmp_path):
    write_catalog(tmp_path, [GOOD, GOOD])
    with pytest.raises(InputError, match="duplicate target id"):
        load_targets("hangzhou", calibration_dir=tmp_path)
    # An id is unique across both lists: a target is either judged or not modelled.
    write_catalog(tmp_path, [GOOD], [{**NOT_MODELLED, "id": "gp"}])
    with pytest.raises(InputError) as error:
        load_catalog("hangzhou", calibration_dir=tmp_path)
    message = str(error.value)
    assert "not_modelled.0.id" in message and "duplicate target id" in message
    assert "\n" not in message
    write_catalog(tmp_path, [GOOD], region="lishui")
    with pytest.raises(InputError, match="region does not match"):
        load_targets("hangzhou", calibration_dir=tmp_path)


def test_a_region_without_a_file_has_an_empty_catalog(tmp_path):
    catalog = load_catalog("hangzhou", calibration_dir=tmp_path)
    assert catalog.targets == [] and catalog.not_modelled == [] and catalog.path is None
