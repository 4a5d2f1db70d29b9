"""Plan documents shown by title and line: the table of titles against the documents, and the
rewriting of every source in the target catalogs."""

import pytest

from sim.analysis.targets import load_catalog
from sim.core.paths import PROJECT_ROOT
from sim.inputs.region import list_regions
from sim.reports.plan_sources import SEED_TITLES, cited_seeds, readable_source

#: The plan documents (the catalogs cite them as seeds/<file>:<line>); beside the project.
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
_ONE_WIDTH = str.maketrans({"(": "（", ")": "）"})


def _plain(text: str) -> str:
    return "".join(text.split()).translate(_ONE_WIDTH)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the plan documents are not at {SEEDS}")
def test_every_plan_document_has_its_own_title_at_the_line_given():
    assert {p.name for p in SEEDS.glob("*.txt")} == set(SEED_TITLES)
    for name, document in SEED_TITLES.items():
        lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
        assert _plain(document.title_zh) in _plain(lines[document.line - 1]), name


def all_sources():
    return [(region, entry.source) for region in list_regions()
            for catalog in [load_catalog(region)]
            for entry in catalog.targets + catalog.not_modelled]


def test_every_cited_plan_document_has_a_title():
    cited = set().union(*(cited_seeds(source) for _, source in all_sources()))
    assert cited and cited <= set(SEED_TITLES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_file_name_is_left_in_a_readable_source(lang):
    for region, source in all_sources():
        text = readable_source(source, lang)
        assert "seeds/" not in text and ".txt" not in text, (region, source, text)


def test_citations_become_title_and_line():
    source = "seeds/000_bace529e69db1a54.txt:182 (全市签约覆盖率达到40%); definition 000:377"
    assert readable_source(source, "zh") == (
        "《杭州市卫生健康事业发展“十四五”规划》第182行 (全市签约覆盖率达到40%); definition "
        "《杭州市卫生健康事业发展“十四五”规划》第377行")
    assert readable_source("seeds/004_7550778e61264481.txt:107-113", "en") == (
        "Jiamusi 14th Five-Year Plan for Health Development, lines 107–113")
    assert readable_source("research/external_data_2020.md §6", "zh") == (
        "research/external_data_2020.md §6")
    assert readable_source("seeds/999_unknown.txt:3", "zh") == "seeds/999_unknown.txt:3"
