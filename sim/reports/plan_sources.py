"""Plan documents for people: a source written `seeds/000_bace529e69db1a54.txt:182` (as the
target catalogs cite the plan texts) becomes 《杭州市卫生健康事业发展“十四五”规划》第182行 in
Chinese, or "Hangzhou 14th Five-Year Plan for Health, line 182" in English.

`SEED_TITLES` is the one table from a plan document's file to its title; each title is copied
from the document itself, at the line given (tests/reports/test_plan_sources.py reads the plan
documents, when present, and checks that the title is on that line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sim.analysis.targets import SEED_CITATION


@dataclass(frozen=True)
class PlanDocument:
    title_zh: str        # as the document writes it on `line`, brackets full-width
    title_en: str        # our translation
    line: int            # the line of the file that holds the title

    def title(self, lang: str) -> str:
        return f"《{self.title_zh}》" if lang == "zh" else self.title_en


SEED_TITLES: dict[str, PlanDocument] = {
    "000_bace529e69db1a54.txt": PlanDocument(
        "杭州市卫生健康事业发展“十四五”规划",
        "Hangzhou 14th Five-Year Plan for Health Development", 16),
    "001_5e872680af3ad2eb.txt": PlanDocument(
        "浙江省卫生健康委关于印发2020年全省卫生健康工作要点的通知",
        "Zhejiang Health Commission: Key Health Work Points for 2020", 5),
    "002_9eca0ffaebb7c8a5.txt": PlanDocument(
        "丽水市区域卫生“十四五”规划（2021-2025）",
        "Lishui 14th Five-Year Regional Health Plan (2021–2025)", 1),
    "003_da57ae7e06a5be60.txt": PlanDocument(
        "杭州市拱墅区卫生健康事业发展“十四五”规划",
        "Gongshu District (Hangzhou) 14th Five-Year Plan for Health Development", 3),
    "004_7550778e61264481.txt": PlanDocument(
        "佳木斯市“十四五”卫生健康发展规划",
        "Jiamusi 14th Five-Year Plan for Health Development", 23),
}

#: A short citation of a seed by its number, as some sources write it: "definition 000:387".
_SHORT = re.compile(r"(?<![\w/])(?P<number>\d{3}):L?(?P<first>\d+)(?:-(?P<last>\d+))?")
_BY_NUMBER = {name[:3]: name for name in SEED_TITLES}


def _lines(first: str, last: str | None, lang: str) -> str:
    if lang == "zh":
        return f"第{first}–{last}行" if last else f"第{first}行"
    return f"lines {first}–{last}" if last else f"line {first}"


def readable_source(source: str, lang: str) -> str:
    """`source` with each seed citation replaced by the document's title and line; the rest of
    the text (a quote of the plan, another publication) is kept as written. A seed file not in
    `SEED_TITLES` stays as cited."""

    def full(match: re.Match) -> str:
        document = SEED_TITLES.get(match["file"])
        if document is None:
            return match[0]
        sep = "" if lang == "zh" else ", "
        return f"{document.title(lang)}{sep}{_lines(match['first'], match['last'], lang)}"

    def short(match: re.Match) -> str:
        name = _BY_NUMBER.get(match["number"])
        if name is None:
            return match[0]
        sep = "" if lang == "zh" else ", "
        return f"{SEED_TITLES[name].title(lang)}{sep}{_lines(match['first'], match['last'], lang)}"

    return _SHORT.sub(short, SEED_CITATION.sub(full, source))


def cited_seeds(source: str) -> set[str]:
    """The seed files a source cites (full or short form)."""
    found = {m["file"] for m in SEED_CITATION.finditer(source)}
    found |= {_BY_NUMBER[m["number"]] for m in _SHORT.finditer(SEED_CITATION.sub("", source))
              if m["number"] in _BY_NUMBER}
    return found
