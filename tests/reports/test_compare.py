"""`python -m sim compare`: the report folder, the structure of compare.html (parsed with the
standard library), that it opens offline, its language, and one-line errors."""

import io
import re
from html.parser import HTMLParser

import pytest
import yaml

from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.core.progress import Progress
from sim.interfaces import cli
from sim.reports.compare import compare, load_compared

pytestmark = pytest.mark.slow  # runs several scenarios and draws every chart

BASELINE = SCENARIOS_DIR / "hangzhou" / "baseline.yaml"
LOW_FERTILITY = SCENARIOS_DIR / "hangzhou" / "low_fertility.yaml"
NAMES = ["baseline", "low_fertility"]
TITLES = {"zh": ["基准情景", "低生育率"], "en": ["Baseline", "Low fertility"]}
# Read directly, not through sim.analysis.targets, so that a loader bug cannot hide a missing row.
TARGETS = yaml.safe_load((CALIBRATION_DIR / "hangzhou" / "targets.yaml").read_text(
    encoding="utf-8"))["targets"]
INDICATORS = {(x["indicator"], tuple(sorted(x.get("select", {}).items()))) for x in TARGETS}


class Page(HTMLParser):
    """What the tests look at: every start tag with its attributes, the figures and the inline
    SVGs in them, the target table's cells by row, and the visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.figures, self.text = [], {}, []
        self.header_rows, self.body_rows = [], []
        self._figure, self._in_targets, self._part, self._cell = None, False, None, None
        self._svg_depth = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "svg":
            self._svg_depth += 1
            if self._svg_depth == 1 and self._figure is not None:
                self.figures[self._figure] += 1
        elif tag == "figure":
            self._figure = attrs.get("id")
            self.figures[self._figure] = 0
        elif tag == "table":
            self._in_targets = "targets" in attrs.get("class", "")
        elif self._in_targets and tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif self._in_targets and tag == "tr":
            rows = {"thead": self.header_rows, "tbody": self.body_rows}.get(self._part)
            if rows is not None:
                rows.append([])
        elif self._in_targets and tag in ("td", "th") and self._part in ("thead", "tbody"):
            rows = self.header_rows if self._part == "thead" else self.body_rows
            self._cell = {"attrs": attrs, "text": ""}
            rows[-1].append(self._cell)

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg_depth -= 1
        elif tag == "figure":
            self._figure = None
        elif tag == "table":
            self._in_targets = False
        elif tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._svg_depth == 0:
            self.text.append(data)
        if self._cell is not None:
            self._cell["text"] += data

    @property
    def visible_text(self) -> str:
        return " ".join(self.text)


def report_folder(out):
    folders = list((out / "hangzhou" / "compare").iterdir())
    assert len(folders) == 1 and not folders[0].name.startswith(".")
    return folders[0]


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    """Through the Python API, with progress captured."""
    out = tmp_path_factory.mktemp("compare_zh")
    log = io.StringIO()
    folder = compare([BASELINE, LOW_FERTILITY], out=out, lang="zh",
                     progress=Progress(stream=log))
    assert folder == report_folder(out)
    html = (folder / "compare.html").read_text(encoding="utf-8")
    return folder, html, Page(html), log.getvalue()


@pytest.fixture(scope="module")
def en(tmp_path_factory):
    """Through the command line."""
    out = tmp_path_factory.mktemp("compare_en")
    assert cli.main(["compare", str(BASELINE), str(LOW_FERTILITY), "--lang", "en",
                     "--out", str(out), "--quiet"]) == 0
    folder = report_folder(out)
    html = (folder / "compare.html").read_text(encoding="utf-8")
    return folder, html, Page(html)


def test_target_table_has_a_column_block_per_scenario_and_a_row_per_target(zh):
    """Per scenario the value with its verdict, and after the first a change column; each
    row's indicator carries the number of its source note."""
    _, _, page, _ = zh
    blocks = [c for c in page.header_rows[0] if "scenario" in c["attrs"].get("class", "")]
    assert [c["text"] for c in blocks] == TITLES["zh"]
    assert [c["attrs"].get("colspan") for c in blocks] == [None, "2"]
    assert [c["text"] for c in page.header_rows[1]] == ["期限值", "期限值", "变化"]
    assert len(page.body_rows) == len(TARGETS)
    for n, (row, target) in enumerate(zip(page.body_rows, TARGETS), 1):
        assert row[0]["text"].endswith(str(n))  # the note's number
        assert str(target["deadline"]) == row[2]["text"]
        assert len(row) == 3 + 2 * len(NAMES) - 1  # indicator, level, deadline | blocks


def test_changes_against_the_first_scenario(zh):
    """The change column is the difference of the values as shown: 0 where they read the
    same, else signed, in percentage points for shares."""
    _, _, page, _ = zh
    changed = 0
    for row in page.body_rows:
        first, second, change = row[3]["text"], row[4]["text"], row[5]["text"]
        a, b = (float(re.search(r"[\d.]+", text)[0]) for text in (first, second))
        if a == b:
            assert change == "0", row
        else:
            sign = "+" if b > a else "−"
            assert change.startswith(sign) and change != "0", row
            percent = "%" in first
            assert change.endswith("个百分点") == percent, row
            shown = float(change.replace("−", "-").removesuffix("个百分点"))
            assert shown == pytest.approx(b - a, abs=1e-9), row
            changed += 1
    assert changed >= 3  # low_fertility's births fall from 2021: several indicators move


def test_source_notes_name_the_plan_by_title_and_line(zh):
    _, _, page, _ = zh
    text = page.visible_text
    plan = "《杭州市卫生健康事业发展“十四五”规划》"
    assert f"hypertension_standardized_management：{plan}第182行" in re.sub(r"\s+", "", text)
    assert "seeds/" not in text


def test_verdicts_read_in_black_and_white(zh):
    """Each verdict cell has a mark and words that agree; colour only adds to them."""
    _, _, page, _ = zh
    marks = []
    for row in page.body_rows:
        for cell in row:
            if "result" in cell["attrs"].get("class", ""):
                # the mark, the value, the verdict (and the change, shown on a phone)
                text = cell["text"].strip().split("，较")[0]
                mark, words = text[0], re.sub(r"^[\d.%—]+", "", text[1:].strip())
                assert (mark == "✓") == (words == "达成"), text
                assert (mark == "○") == (words == "由输入决定"), text
                assert mark in "✓✗–○" and words
                marks.append(mark)
    assert len(marks) == len(TARGETS) * len(NAMES)
    assert "✓" in marks and "✗" in marks
    # Hangzhou's 2020-deadline and life-expectancy targets: set by input, out of the count
    inputs = [x for x in TARGETS if x["deadline"] <= 2020
              or x["indicator"] == "implied_life_expectancy"]
    assert marks.count("○") == len(inputs) * len(NAMES) and inputs
    text = page.visible_text
    assert f"另有{len(inputs)}项由输入决定" in text and "○ 表示由输入决定、非预测" in text


def test_every_targeted_indicator_has_an_embedded_chart(zh):
    folder, html, page, _ = zh
    indicator_figures = {k: n for k, n in page.figures.items()
                         if k != "chart-population_pyramid"}
    assert len(indicator_figures) == len(INDICATORS)
    assert all(n == 1 for n in page.figures.values())
    assert page.figures["chart-population_pyramid"] == 1
    inline = sum(1 for tag, _ in page.tags if tag == "svg")
    png = html.count("data:image/png;base64,")
    assert inline + png == len(INDICATORS) + 1
    for key in page.figures:
        stem = key.removeprefix("chart-")
        assert (folder / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (folder / f"{stem}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def external_references(html: str) -> list:
    """Everything in the page that a browser would fetch from elsewhere."""
    found = []
    for tag, attrs in Page(html).tags:
        if tag in ("link", "script", "iframe", "object", "embed"):
            found.append(tag)
        for name, value in attrs.items():
            value = (value or "").strip()
            if name in ("src", "href", "xlink:href", "data", "srcset", "poster") and \
                    not value.startswith(("#", "data:")):
                found.append(f"{tag} {name}={value}")
            elif not name.startswith("xmlns") and value.startswith(("http:", "https:", "//")):
                found.append(f"{tag} {name}={value}")
    found += ["@import"] * html.count("@import")
    found += ["url()"] * (html.count("url(") - html.count("url(#") - html.count("url(data:"))
    return found


def test_no_external_references(zh):
    _, html, _, _ = zh
    assert external_references(html) == []


@pytest.mark.parametrize("bad", [
    '<img src="population_pyramid.png">', '<img src="//cdn.example.org/a.png">',
    '<link rel="stylesheet" href="style.css">', '<a href="https://example.org">x</a>',
    '<svg><use xlink:href="other.svg#g"/></svg>', '<div style="background:url(a.png)"></div>',
    '<style>@font-face { font-family: x; src: url(fonts/x.woff2); }</style>',
    '<style>@font-face { font-family: x; src: local("Noto Sans"), url(//x.org/x.woff2); }</style>'])
def test_the_check_would_notice_an_external_reference(bad):
    assert external_references(f"<html><body>{bad}</body></html>")


def test_ids_are_unique_across_the_inline_charts(zh):
    _, _, page, _ = zh
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) > 100 and len(ids) == len(set(ids))


def test_chinese_report(zh):
    _, html, page, log = zh
    text = page.visible_text
    assert '<html lang="zh-CN">' in html
    for words in ("杭州市", "规范管理率", "达成", "未达成", "规划目标", "人口金字塔", "关键假设",
                  "如何阅读"):
        assert words in text, words
    assert "scenario 1/2: baseline" in log and "scenario 2/2: low_fertility" in log


def test_key_assumptions_show_what_differs_written_for_people(zh):
    _, _, page, _ = zh
    text = page.visible_text
    assert "总和生育率（孩子数/妇女）" in text and "population.tfr" not in text
    assert "1.04 → 0.65，2020–2030年" in text
    assert "{ramp" not in text and "1.0623" not in text  # no YAML, no 16-digit floats
    assert "区域默认值" in text  # the baseline's TFR is the profile's
    assert "出生时预期寿命" not in text  # the same in both
    assert "总和生育率由2020年的1.04降至2030年的0.65，此后保持不变。" in text  # in Chinese
    assert "TFR falls" not in text


def test_start_named_as_it_is(zh):
    """low_fertility's 2020 TFR (1.04) is not the baseline's (the profile's fitted 1.06), so
    2020 births differ: the page says so and why, never "the same start"."""
    _, _, page, _ = zh
    text = page.visible_text
    assert "起点相同" not in text
    assert "起点不完全相同：2020年，低生育率的出生人数为" in text
    assert "因其总和生育率为1.04（基准情景1.06）" in text


def test_same_start_said_only_when_true():
    """gp_expansion changes GP training from 2021: its 2020 is the baseline's, and the page
    says so; low_fertility's is not (its 2020 TFR differs)."""
    from sim.reports.compare import run_all, start_statement

    gp = SCENARIOS_DIR / "hangzhou" / "gp_expansion.yaml"
    results = run_all(load_compared([BASELINE, gp, LOW_FERTILITY]), Progress(enabled=False))
    same, is_same = start_statement(results[:2], ["基准情景", "全科医生扩招"], "zh")
    assert is_same and same.startswith("起点相同：各情景2020年的")
    text, is_same = start_statement(results, ["基准情景", "全科医生扩招", "低生育率"], "zh")
    assert not is_same and "低生育率的出生人数为" in text and "全科医生扩招" not in text
    english, _ = start_statement(results, ["Baseline", "GP expansion", "Low fertility"], "en")
    assert english.startswith("Not the same start in 2020: Low fertility: live births ")
    assert "because its total fertility rate 1.04 (Baseline: 1.06)" in english


def test_page_embeds_its_fonts(zh):
    _, html, _, _ = zh
    assert html.count("@font-face") == 2  # the CJK subset and DejaVu Sans for ✗
    assert "url(data:font/woff2;base64," in html


def test_english_report(en):
    _, html, page = en
    text = page.visible_text
    assert '<html lang="en">' in html
    for words in ("Hangzhou", "Plan targets", "reached", "missed", "Key assumptions",
                  "Standardized management rate", "Low fertility", "TFR falls from 1.04",
                  "Total fertility rate (children per woman)", "1.04 → 0.65, 2020–2030",
                  "Hangzhou 14th Five-Year Plan for Health Development, line 182"):
        assert words.lower() in text.lower(), words
    assert "未达成" not in text and "关键假设" not in text and "基准情景" not in text


@pytest.mark.parametrize("files, where", [
    ([BASELINE, SCENARIOS_DIR / "lishui" / "baseline.yaml"], "lishui/baseline.yaml: region"),
    ([BASELINE], "baseline.yaml: (command line): nothing to compare"),
    ([BASELINE, SCENARIOS_DIR / "hangzhou" / "missing.yaml"], "missing.yaml"),
    ([BASELINE, LOW_FERTILITY, BASELINE], "baseline.yaml: (command line): file given twice"),
    ([SCENARIOS_DIR / "hangzhou" / f"{name}.yaml" for name in (
        "baseline", "low_fertility", "gp_expansion", "high_in_migration", "nursing_conversion")],
     "nursing_conversion.yaml: (command line): too many scenarios; given 5 scenario files"),
])
def test_bad_inputs_give_one_line_and_status_2(files, where, tmp_path, capsys):
    argv = ["compare", *map(str, files), "--out", str(tmp_path), "--quiet"]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")
    assert where in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing run, nothing written


def test_compare_has_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["compare", "--help"])
    assert exit_info.value.code == 0
    assert "compare.html" in capsys.readouterr().out
