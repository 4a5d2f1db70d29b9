"""The scenario-comparison report as one self-contained HTML page.

Pure text functions: they take the page's facts (sim.reports.compare: `Parts`) and return
HTML. The page opens offline: styles inline, charts inline SVG (their text drawn as paths), the
fonts of its own text embedded as subsets (sim.reports.page_font); the only links are to
anchors within the page. Every text is escaped with `html.escape`.

Layout: on screen one column up to 1,120 px, down to a phone's 390 px (the wide tables become
one card per row below 640 px); printed on A4 portrait, the title and the scenario × target
matrix on the first page, the target table (which fits the page width for up to four
scenarios) with its numbered source notes, two charts a page, the pyramid, and the assumptions
on a page of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from sim.reports.compare_text import ct
from sim.reports.page_font import EmbeddedFont, embedded_font, font_stack

# A verdict reads without colour too: a mark and the words (sim.reports.verdict_tables.STATUS_TEXT).
MARKS = {"reached": "✓", "missed": "✗", "reached_then_lost": "✗", "beyond_horizon": "–",
         "set_by_input": "○"}
#: Below this width the wide tables become one card per row.
PHONE_WIDTH_PX = 640

CSS = """
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: FONT_STACK; color: #1a1a1a; max-width: 1120px; margin: 0 auto;
       padding: 1em 1.2em 2em; line-height: 1.5; overflow-wrap: break-word; }
h1 { font-size: 1.5em; line-height: 1.3; margin: 0.4em 0 0.2em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #444; padding-bottom: 0.15em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
.made { color: #555; margin-top: 0; }
.how, .start { background: #f3f3f3; border-left: 4px solid #888; padding: 0.45em 0.8em;
               margin: 0.6em 0; }
.start.differs { background: #fff4e5; border-left-color: #b25e00; }
nav a { margin-right: 1.2em; display: inline-block; }
.intro { margin: 0.3em 0; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
thead th { background: #eaeaea; vertical-align: bottom; }
th.scenario { border-bottom: 2px solid #444; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.reached { color: #1a7f37; }
.missed, .reached_then_lost { color: #b42318; }
.beyond_horizon { color: #666; }
.set_by_input { color: #555; font-style: italic; }
.mark { font-weight: bold; }
td.result { text-align: right; }
td.result .value { display: block; font-weight: bold; }
td.result .verdict { display: block; font-size: 0.85em; }
td.change { text-align: right; font-size: 0.9em; }
.nowrap { white-space: nowrap; }
.inline-change { display: none; }
table.targets { table-layout: fixed; }
table.inputs th:first-child { width: 24%; }
sup.ref { font-size: 0.7em; margin-left: 0.15em; }
sup.ref a { text-decoration: none; }
table.matrix { table-layout: fixed; }
table.matrix th:first-child { width: 40%; }
table.matrix td { text-align: center; font-weight: bold; }
table.matrix td.reached { background: #e3f3e7; }
table.matrix td.missed, table.matrix td.reached_then_lost { background: #fbe4e2; }
table.matrix td.set_by_input { background: #f1f1f1; font-weight: normal; }
table.matrix .level { display: block; font-size: 0.8em; color: #555; }
table.matrix tfoot td, table.matrix tfoot th { font-weight: bold; background: #f6f6f6;
                                               color: #1a1a1a; font-size: 0.9em; }
ol.notes { font-size: 0.85em; padding-left: 2.2em; margin: 0.4em 0; }
ol.notes .id, .name { color: #555; }
.kind { display: block; font-size: 0.8em; color: #666; }
.default { display: block; font-size: 0.8em; color: #666; }
figure { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
svg.chart { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.8em; color: #555; }
dl.scenarios dt { font-weight: bold; margin-top: 0.6em; }
dl.scenarios dd { margin-left: 1.2em; }
code { font-family: inherit; overflow-wrap: anywhere; }
footer { margin-top: 3em; font-size: 0.8em; color: #666; }

@media (max-width: PHONE_WIDTHpx) {
  body { padding: 0.5em 0.7em 1.5em; }
  h1 { font-size: 1.3em; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td {
    display: block; width: auto; }
  table.cards thead { display: none; }
  table.targets th:first-child, table.inputs th:first-child { width: auto; }
  table.cards tr { border: 1px solid #999; margin: 0.6em 0; padding: 0.3em 0.5em; }
  table.cards th, table.cards td { border: none; padding: 0.1em 0; text-align: left; }
  table.cards tbody th { font-weight: bold; }
  table.cards td[data-label]::before { content: attr(data-label); color: #555;
                                        font-weight: normal; font-style: normal; }
  table.cards td.result .value, table.cards td.result .verdict { display: inline; }
  table.cards td.result .verdict { margin-left: 0.4em; }
  table.cards td.change { display: none; }
  table.cards .inline-change { display: inline; font-size: 0.9em; color: #1a1a1a; }
  table.cards td.num { display: inline-block; margin-right: 1.2em; }
  table.matrix { font-size: 0.8em; }
  table.matrix tbody td { white-space: nowrap; }
  table.matrix th, table.matrix td { padding: 0.2em 0.25em; }
  table.matrix th:first-child { width: 34%; }
}

@page { size: A4 portrait; margin: 13mm 13mm 15mm;
        @bottom-center { content: PAGE_NUMBER; font-family: FONT_STACK; font-size: 8pt;
                         color: #555; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; line-height: 1.4; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 16pt; margin-top: 0; }
  h2 { font-size: 12pt; margin-top: 0; break-after: avoid; page-break-after: avoid; }
  .how, .start, table.matrix td, thead th, tfoot td { -webkit-print-color-adjust: exact;
                                                     print-color-adjust: exact; }
  #matrix table { font-size: 8.5pt; line-height: 1.25; }
  #matrix th, #matrix td { padding: 0.15em 0.35em; }
  table.matrix th:first-child { width: 52%; }
  table.matrix .level { display: inline; margin-left: 0.6em; }
  #targets, #assumptions { break-before: page; page-break-before: always; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, li, dd, figure { break-inside: avoid; page-break-inside: avoid; }
  figure { margin: 0 0 5mm; }
  footer { margin-top: 1.5em; }
}
"""


@dataclass(frozen=True)
class Parts:
    """The page's facts (sim.reports.compare.page_parts), all text in the page's language."""
    lang: str
    title: str
    made: str
    start: str                  # whether the scenarios start from the same base-year values
    same_start: bool
    columns: list               # sim.reports.compare.Column, one a scenario
    rows: list                  # sim.reports.compare.TargetRow, one a target
    counts: list                # each scenario's (reached, judged, set by input)
    inputs: list                # sim.reports.compare.InputRow, the inputs that differ
    footer: str


def _css(lang: str) -> str:
    template = ct("page", lang, page="\0", pages="\1")
    before, rest = template.split("\0")
    middle, after = rest.split("\1")
    page_number = (f'"{before}" counter(page) "{middle}" counter(pages) "{after}"')
    return (CSS.replace("FONT_STACK", font_stack(lang)).replace("PHONE_WIDTH", str(PHONE_WIDTH_PX))
            .replace("PAGE_NUMBER", page_number))


def page(lang: str, title: str, font_css: str, body: list[str], footer: str) -> str:
    """The whole document."""
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<style>\n{font_css}\n{_css(lang)}</style>\n'
            '</head>\n<body>\n' + "\n".join(body) + f'\n<footer>{escape(footer)}</footer>\n'
            '</body>\n</html>\n')


def header(parts: Parts, section_links: dict[str, str]) -> str:
    """Title, date, the how-to-read line, whether the scenarios start alike, and links to the
    sections (anchors only)."""
    lang = parts.lang
    how = ct("how", lang, reached=MARKS["reached"], missed=MARKS["missed"],
             input=MARKS["set_by_input"], first=parts.columns[0].title)
    links = " ".join(f'<a href="#{escape(anchor)}">{escape(text)}</a>'
                     for anchor, text in section_links.items())
    start_class = "start" if parts.same_start else "start differs"
    return (f'<header>\n<h1>{escape(parts.title)}</h1>\n'
            f'<p class="made">{escape(parts.made)}</p>\n'
            f'<p class="how">{escape(how)}</p>\n'
            f'<p class="{start_class}">{escape(parts.start)}</p>\n'
            f'<nav>{links}</nav>\n</header>')


def section(anchor: str, heading: str, body: str) -> str:
    return f'<section id="{escape(anchor)}">\n<h2>{escape(heading)}</h2>\n{body}\n</section>'


def _reached_count(count: tuple[int, int, int], lang: str) -> str:
    """"k of n reached" over the targets the projection decides, and how many an input sets."""
    reached, total, inputs = count
    if inputs:
        return ct("reached_count_inputs", lang, n=reached, total=total, inputs=inputs)
    return ct("reached_count", lang, n=reached, total=total)


def _label(text: str, lang: str) -> str:
    """A card's label (the text before a value on a phone)."""
    return f"{text}：" if lang == "zh" else f"{text}: "


def matrix(parts: Parts) -> str:
    """Scenario × target at a glance: a row per target, a column per scenario, each cell the
    mark and the value at the deadline; the reached counts below. One page when printed."""
    lang = parts.lang
    if not parts.rows:
        return f'<p>{escape(ct("no_targets", lang))}</p>'
    deadline = "{}年" if lang == "zh" else "{}"
    head = (f'<th scope="col">{escape(ct("target_column", lang))}</th>'
            + "".join(f'<th scope="col" class="scenario">{escape(c.title)}</th>'
                      for c in parts.columns))
    body = []
    for row in parts.rows:
        sep = "，" if lang == "zh" else ", "
        level = f"{row.level}{sep}{deadline.format(row.deadline)}"
        cells = [f'<th scope="row">{escape(row.label)}<span class="level">{escape(level)}'
                 '</span></th>']
        for cell in row.cells:
            cells.append(f'<td class="{cell.status}" title="{escape(cell.words)}">'
                         f'<span class="mark">{MARKS[cell.status]}</span> '
                         f'{escape(cell.value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    counts = "".join(f"<td>{escape(_reached_count(c, lang))}</td>" for c in parts.counts)
    return (f'<p class="intro">{escape(ct("matrix_intro", lang))}</p>\n'
            f'<table class="matrix">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + f'\n</tbody>\n<tfoot><tr><th></th>{counts}</tr></tfoot>\n'
            '</table>')


def target_table(parts: Parts) -> str:
    """A row per target: indicator (with the number of its source note), level, deadline;
    per scenario the value at the deadline with the verdict, and for every scenario after the
    first its change against the first; then the numbered notes: each target's id and its
    source, plan documents named by title and line."""
    lang = parts.lang
    if not parts.rows:
        return f'<p>{escape(ct("no_targets", lang))}</p>'
    first = parts.columns[0].title
    fixed = "".join(f'<th rowspan="2" scope="col">{escape(ct(k, lang))}</th>'
                    for k in ("indicator", "level", "deadline"))
    blocks = "".join(
        f'<th scope="colgroup" class="scenario"{"" if i == 0 else " colspan=2"}>'
        f'{escape(c.title)}</th>' for i, c in enumerate(parts.columns)).replace(
        "colspan=2", 'colspan="2"')
    sub = "".join(f'<th scope="col">{escape(ct("value", lang))}</th>'
                  + ("" if i == 0 else
                     f'<th scope="col">{escape(ct("change", lang, first=first))}</th>')
                  for i, _ in enumerate(parts.columns))
    rows = []
    for n, row in enumerate(parts.rows, 1):
        cells = [f'<th scope="row">{escape(row.label)}<sup class="ref">'
                 f'<a href="#note-{n}">{n}</a></sup></th>',
                 f'<td class="num" data-label="{escape(_label(ct("level", lang), lang))}">'
                 f'{escape(row.level)}</td>',
                 f'<td class="num" data-label="{escape(_label(ct("deadline", lang), lang))}">'
                 f'{row.deadline}</td>']
        for i, (column, cell) in enumerate(zip(parts.columns, row.cells)):
            tip = ct("first_reached", lang, year=cell.first_year) if cell.first_year else ""
            title_attr = f' title="{escape(tip)}"' if tip else ""
            label = _label(column.title, lang)
            cells.append(
                f'<td class="result {cell.status}" data-label="{escape(label)}"'
                f'{title_attr}><span class="value"><span class="mark">{MARKS[cell.status]}</span> '
                f'{escape(cell.value)}</span><span class="verdict">{escape(cell.words)}</span>'
                f'{_inline_change(cell.change, first, lang)}</td>')
            if i:
                label = _label(ct("change_label", lang, first=first), lang)
                cells.append(f'<td class="change" data-label="{escape(label)}">'
                             f'{_change(cell.change)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = "\n".join(
        f'<li id="note-{n}">{_note(row, lang)}</li>' for n, row in enumerate(parts.rows, 1))
    return ('<table class="targets cards">\n' + _target_columns(len(parts.columns)) +
            f'<thead><tr>{fixed}{blocks}</tr>\n<tr>{sub}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + '\n</tbody>\n</table>\n'
            f'<h3>{escape(ct("notes", lang))}</h3>\n<ol class="notes">\n{notes}\n</ol>')


#: Widths of the target table's columns (table-layout: fixed), in shares of the table: the
#: level and the deadline; each scenario's value column (at most VALUE_WIDTH, less when four
#: scenarios share the page) and its change column (CHANGE_WEIGHT of a value column); the
#: indicator takes the rest (at least 21% of the width, with four scenarios).
LEVEL_WIDTH, DEADLINE_WIDTH = 0.085, 0.055
VALUE_WIDTH = 0.11
CHANGE_WEIGHT = 0.8
LEAST_INDICATOR_WIDTH = 0.21


def _target_columns(n: int) -> str:
    units = n + CHANGE_WEIGHT * (n - 1)
    unit = min(VALUE_WIDTH, (1.0 - LEAST_INDICATOR_WIDTH - LEVEL_WIDTH - DEADLINE_WIDTH) / units)
    indicator = 1.0 - LEVEL_WIDTH - DEADLINE_WIDTH - unit * units
    widths = [indicator, LEVEL_WIDTH, DEADLINE_WIDTH, unit] + [unit, unit * CHANGE_WEIGHT] * (n - 1)
    return "<colgroup>" + "".join(f'<col style="width:{100 * w:.2f}%">' for w in widths) + \
        "</colgroup>\n"


def _inline_change(change: str, first: str, lang: str) -> str:
    """The change beside the value, shown only on a phone (where the change column is
    hidden), and only when there is one."""
    if change in ("", "0", "—"):
        return ""
    text = f"，较{first} {change}" if lang == "zh" else f", {change} vs {first}"
    return f'<span class="inline-change">{escape(text)}</span>'


def _change(text: str) -> str:
    """"−2.2个百分点": the number never broken, the unit may go to the next line."""
    number, unit = re.match(r"([^个 ]*)(.*)", text).groups()  # type: ignore[union-attr]
    unit_html = f'<wbr><span class="nowrap">{escape(unit)}</span>' if unit else ""
    return f'<span class="nowrap">{escape(number)}</span>{unit_html}'


def _note(row, lang: str) -> str:
    text = escape(ct("note", lang, id="\0", source=row.source))
    return text.replace("\0", f'<span class="id">{escape(row.target_id)}</span>')


def figure(svg: str, stem: str, files_text: str) -> str:
    """An inline chart with the names of its PNG and SVG files (as text, not links)."""
    return (f'<figure id="chart-{escape(stem)}">\n{svg}\n'
            f'<figcaption>{escape(files_text)}</figcaption>\n</figure>')


_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """A matplotlib SVG file as an element of the page: without the XML prologue and the
    metadata, its ids prefixed (several charts on one page would otherwise share ids such as
    "figure_1" or glyph names), and without fixed size so that it scales to the page."""
    if not svg:
        return ""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'(?<=\s)id="', f'id="{prefix}-', svg)
    svg = svg.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    root, rest = svg.split(">", 1)
    root = _ROOT_SIZE.sub("", root)
    return f'{root} class="chart" role="img" aria-label="{escape(label)}">{rest}'


def inputs_table(parts: Parts) -> str:
    """The inputs that differ: name (with unit) and kind, and each scenario's series written
    for people, marked when it is the region's default."""
    lang = parts.lang
    if not parts.inputs:
        return f'<p>{escape(ct("same_inputs", lang))}</p>'
    head = f'<th scope="col">{escape(ct("input", lang))}</th>' + "".join(
        f'<th scope="col" class="scenario">{escape(c.title)}</th>' for c in parts.columns)
    body = []
    for row in parts.inputs:
        cells = [f'<th scope="row">{escape(row.name)}'
                 f'<span class="kind">{escape(ct("kind_" + row.kind, lang))}</span></th>']
        for column, value, default in zip(parts.columns, row.values, row.defaults):
            note = (f'<span class="default">{escape(ct("region_default", lang))}</span>'
                    if default else "")
            cells.append(f'<td data-label="{escape(_label(column.title, lang))}">'
                         f'{escape(value)}{note}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<p class="intro">{escape(ct("assumptions_intro", lang))}</p>\n'
            f'<table class="inputs cards">\n<thead><tr>{head}</tr></thead>\n'
            '<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table>")


def scenario_list(parts: Parts) -> str:
    """Each scenario: title (and name), description, file and years."""
    lang = parts.lang
    entries = []
    for c in parts.columns:
        # the sentence is escaped with a placeholder for the file, then the file goes in as code
        where = escape(ct("file_years", lang, file="\0", years=c.years))
        where = where.replace("\0", f"<code>{escape(c.file)}</code>")
        entries.append(f'<dt>{escape(c.title)} <span class="name">{escape(c.name)}</span></dt>\n'
                       f"<dd>{escape(c.description)}<br>{where}</dd>")
    return (f'<h3>{escape(ct("scenarios", lang))}</h3>\n<dl class="scenarios">\n'
            + "\n".join(entries) + "\n</dl>")


def build(parts: Parts, charts: dict[str, str], font: EmbeddedFont | None,
          pyramid_stem: str) -> str:
    """The page; `charts` maps chart stems to their SVG text (indicator charts, then the
    pyramid), in the order shown; `font`: the embedded faces (None: none)."""
    lang = parts.lang

    def figure_of(stem: str) -> str:
        files = ct("files", lang, files=f"{stem}.png, {stem}.svg")
        return figure(inline_svg(charts[stem], f"c-{stem}", stem), stem, files)

    indicator_figures = "\n".join(figure_of(stem) for stem in charts if stem != pyramid_stem)
    sections = {
        "matrix": (ct("matrix", lang), matrix(parts)),
        "targets": (ct("targets", lang), target_table(parts)),
        "indicators": (ct("charts", lang), indicator_figures),
        "pyramid": (ct("pyramid", lang), figure_of(pyramid_stem)),
        "assumptions": (ct("assumptions", lang), scenario_list(parts) + "\n"
                        + inputs_table(parts)),
    }
    links = {anchor: heading for anchor, (heading, _) in sections.items()}
    links["matrix"] = ct("nav_matrix", lang)
    bodies = [header(parts, links)]
    bodies += [section(a, h, body) for a, (h, body) in sections.items()]
    return page(lang, parts.title, font.css if font else "", bodies, parts.footer)


def page_font(parts: Parts, stems: list[str], pyramid_stem: str) -> EmbeddedFont:
    """The faces for every character of the page (its text, the page numbers of the print
    stylesheet); the charts draw their text as paths and need none."""
    return embedded_font(build(parts, dict.fromkeys(stems, ""), None, pyramid_stem), parts.lang)
