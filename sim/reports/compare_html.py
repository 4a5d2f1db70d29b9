"""The scenario-comparison report as one self-contained HTML page.

Pure text functions: they take prepared data (sim.reports.compare) and return HTML. The page opens
offline: styles inline, charts inline SVG, fonts from the reader's system; the only links are
to anchors within the page. Every text is escaped with `html.escape`.
"""

from __future__ import annotations

import re
from html import escape

from sim.reports.labels import t, unit_label
from sim.reports.verdict_tables import COLUMNS

# Positions of the columns of sim.reports.verdict_tables.verdict_table (headers: its COLUMNS).
ID, INDICATOR, LEVEL, DEADLINE, VALUE, VERDICT, FIRST_YEAR, MARGIN, SOURCE = range(9)
# A verdict reads without colour too: a mark and the words (sim.reports.verdict_tables.STATUS_TEXT).
MARKS = {"reached": "✓", "missed": "✗", "reached_then_lost": "✗", "beyond_horizon": "–",
         "set_by_input": "○"}

# Local fonts only (no web fonts): a CJK face first, so Chinese text has one consistent look.
CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", "Hiragino Sans GB", system-ui, sans-serif;
       color: #1a1a1a; max-width: 1120px; margin: 1.5em auto; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #444; padding-bottom: 0.15em; margin-top: 2em; }
.made { color: #555; margin-top: 0; }
.how { background: #f3f3f3; border-left: 4px solid #888; padding: 0.5em 0.8em; }
nav a { margin-right: 1.2em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.8em 0; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #eaeaea; }
th.scenario { border-bottom: 2px solid #444; }
td.num { text-align: right; white-space: nowrap; }
td.source { font-size: 0.85em; color: #444; max-width: 22em; }
.id { display: block; font-size: 0.8em; color: #666; font-family: monospace; }
td.verdict { white-space: nowrap; font-weight: bold; }
.reached { color: #1a7f37; }
.missed, .reached_then_lost { color: #b42318; }
.beyond_horizon { color: #666; }
.set_by_input { color: #555; font-weight: normal; font-style: italic; }
.mark { font-size: 1.1em; }
tfoot td { font-weight: bold; background: #f6f6f6; }
figure { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
svg.chart { width: 100%; max-width: 900px; height: auto; display: block; }
figcaption { font-size: 0.85em; color: #555; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.default { display: block; font-size: 0.8em; color: #666; }
dt { font-weight: bold; margin-top: 0.6em; }
footer { margin-top: 3em; font-size: 0.8em; color: #666; }
@media print { body { max-width: none; } nav { display: none; } h2 { break-after: avoid; } }
"""


def page(lang: str, title: str, header: str, sections: list[str], footer: str) -> str:
    """The whole document."""
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n'
            f'{header}\n' + "\n".join(sections) + f'\n<footer>{escape(footer)}</footer>\n'
            '</body>\n</html>\n')


def header(title: str, made: str, lang: str, section_links: dict[str, str], *,
           set_by_input: bool = False) -> str:
    """Title, date and the how-to-read line, with links to the sections (anchors only); with
    `set_by_input`, the line also explains the mark of a target an input decides."""
    # the marks are not in sim.reports.labels: the page shows them in the reader's font, never ours
    how = t("compare_how_to_read", lang, reached=MARKS["reached"], missed=MARKS["missed"])
    if set_by_input:
        how += ("" if lang == "zh" else " ") + t("compare_how_to_read_input", lang,
                                                 mark=MARKS["set_by_input"])
    links = " ".join(f'<a href="#{escape(anchor)}">{escape(text)}</a>'
                     for anchor, text in section_links.items())
    return (f'<header>\n<h1>{escape(title)}</h1>\n<p class="made">{escape(made)}</p>\n'
            f'<p class="how">{escape(how)}</p>\n'
            f'<nav>{links}</nav>\n</header>')


def section(anchor: str, heading: str, body: str) -> str:
    return f'<section id="{escape(anchor)}">\n<h2>{escape(heading)}</h2>\n{body}\n</section>'


def target_table(names: list[str], tables: list, statuses: list[list[str]], lang: str, *,
                 counts: list[tuple[int, int, int]]) -> str:
    """One row per target; per scenario a block of two columns: value at the deadline and the
    verdict, and under each block the reached count. `tables`:
    sim.reports.verdict_tables.verdict_table of each scenario (same targets, same order);
    `statuses`: each scenario's Verdict.status per target; `counts`: each scenario's
    sim.analysis.verdicts.count_reached (reached, judged, set by input)."""
    if not tables or tables[0].empty:
        return f'<p>{escape(t("compare_no_targets", lang))}</p>'
    head = COLUMNS[lang]
    fixed = "".join(f'<th rowspan="2">{escape(head[i])}</th>' for i in (INDICATOR, LEVEL,
                                                                          DEADLINE))
    blocks = "".join(f'<th colspan="2" class="scenario" scope="colgroup">{escape(n)}</th>'
                     for n in names)
    sub = "".join(f'<th>{escape(head[VALUE])}</th><th>{escape(head[VERDICT])}</th>'
                  for _ in names)
    rows = []
    for j in range(len(tables[0])):
        first = tables[0].iloc[j]
        cells = [f'<th scope="row">{escape(str(first.iloc[INDICATOR]))}'
                 f'<span class="id">{escape(str(first.iloc[ID]))}</span></th>',
                 f'<td class="num">{escape(str(first.iloc[LEVEL]))}</td>',
                 f'<td class="num">{escape(str(first.iloc[DEADLINE]))}</td>']
        for table, status in zip(tables, statuses):
            cells.append(_value_cell(table.iloc[j], lang))
            cells.append(_verdict_cell(table.iloc[j], status[j]))
        cells.append(f'<td class="source">{escape(str(first.iloc[SOURCE]))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    footer = "".join(f'<td colspan="2">{escape(_reached_count(c, lang))}</td>' for c in counts)
    return ('<div class="scroll"><table class="targets">\n'
            f'<thead><tr>{fixed}{blocks}<th rowspan="2">{escape(head[SOURCE])}</th></tr>\n'
            f'<tr>{sub}</tr></thead>\n<tbody>\n' + "\n".join(rows) + '\n</tbody>\n'
            f'<tfoot><tr><td colspan="3"></td>{footer}<td></td></tr></tfoot>\n'
            '</table></div>')


def _reached_count(count: tuple[int, int, int], lang: str) -> str:
    """"k of n reached" over the targets the projection decides, and how many an input sets."""
    reached, total, inputs = count
    if inputs:
        return t("compare_reached_count_inputs", lang, n=reached, total=total, inputs=inputs)
    return t("compare_reached_count", lang, n=reached, total=total)


def _value_cell(row, lang: str) -> str:
    """The value at the deadline; margin and first year reached as a tooltip."""
    head = COLUMNS[lang]
    tip = f"{head[MARGIN]}: {row.iloc[MARGIN]}; {head[FIRST_YEAR]}: {row.iloc[FIRST_YEAR]}"
    return f'<td class="num" title="{escape(tip)}">{escape(str(row.iloc[VALUE]))}</td>'


def _verdict_cell(row, status: str) -> str:
    return (f'<td class="verdict {status}"><span class="mark" aria-hidden="true">'
            f'{MARKS[status]}</span> {escape(str(row.iloc[VERDICT]))}</td>')


def figure(svg: str, stem: str, files_text: str) -> str:
    """An inline chart with the names of its PNG and SVG files (as text, not links)."""
    return (f'<figure id="chart-{escape(stem)}">\n{svg}\n'
            f'<figcaption>{escape(files_text)}</figcaption>\n</figure>')


_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """A matplotlib SVG file as an element of the page: without the XML prologue and the
    metadata, its ids prefixed (several charts on one page would otherwise share ids such as
    "figure_1" or glyph names), and without fixed size so that it scales to the page."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'(?<=\s)id="', f'id="{prefix}-', svg)
    svg = svg.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    root, rest = svg.split(">", 1)
    root = _ROOT_SIZE.sub("", root)
    return f'{root} class="chart" role="img" aria-label="{escape(label)}">{rest}'


def inputs_table(names: list[str], rows: list, lang: str) -> str:
    """The inputs that differ: key, label, kind, unit, and each scenario's series in YAML
    form, marked when it is the region's default. `rows`: sim.reports.compare.InputRow."""
    if not rows:
        return f'<p>{escape(t("compare_same_inputs", lang))}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in (
        t("compare_key", lang), t("compare_kind", lang), t("compare_unit", lang)))
    head += "".join(f'<th class="scenario">{escape(n)}</th>' for n in names)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{escape(row.label[lang])}<span class="id">{escape(row.key)}'
                 '</span></th>', f"<td>{escape(t(row.kind, lang))}</td>",
                 f"<td>{escape(unit_label(row.unit, lang))}</td>"]
        for value, default in zip(row.values, row.defaults):
            note = (f'<span class="default">{escape(t("compare_region_default", lang))}</span>'
                    if default else "")
            cells.append(f"<td><code>{escape(value)}</code>{note}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<p>{escape(t("compare_assumptions_intro", lang))}</p>\n'
            f'<div class="scroll"><table class="inputs">\n<thead><tr>{head}</tr></thead>\n'
            '<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table></div>")


def scenario_list(items: list[tuple[str, str, str, str]], lang: str) -> str:
    """Each scenario: name, description, file and years (`items`: tuples of these)."""
    entries = []
    for name, description, file, years in items:
        # the sentence is escaped with a placeholder for the file, then the file goes in as code
        where = escape(t("compare_file_years", lang, file="\0", years=years))
        where = where.replace("\0", f"<code>{escape(file)}</code>")
        entries.append(f"<dt>{escape(name)}</dt>\n<dd>{escape(description)}<br>{where}</dd>")
    return (f'<h3>{escape(t("compare_scenarios", lang))}</h3>\n<dl>\n' + "\n".join(entries)
            + "\n</dl>")
