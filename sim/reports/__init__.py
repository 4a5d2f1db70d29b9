"""Reports: what a person reads, in Chinese or English.

    labels.py               chart and table text, zh/en
    fonts.py                the CJK font that renders Chinese labels on a bare machine
    charts.py               the chart style and the plotting functions (take data, draw on axes)
    chart_jobs.py           a chart to draw and the worker processes that draw them
    run_charts.py           the charts of one run: population and one panel chart per sector
    run_report.py           run_scenario: run, judge, write the results folder with its charts
    verdict_tables.py       verdicts as tables for people (zh/en, Markdown, terminal)
    text_table.py           terminal tables aligned by display width, wrapped to a width
    workbook.py             results.xlsx of a run: summary, indicators, targets (zh/en headers)
    reach_report.py         what a lever search found, for people (zh/en, meaningful digits)
    compare.py              several scenarios side by side: compare.html and its charts
    compare_html.py         the self-contained comparison page (A4 print, phone layout)
    compare_text.py         the comparison page's words, zh/en
    assumption_text.py      scenario inputs written for people ("1.06 → 0.86，2020–2023年")
    page_font.py            the fonts a page embeds: subsets of Noto Sans CJK SC and DejaVu Sans
    uncertainty_report.py   the Monte Carlo folder: probabilities, fan charts, samples, provenance
    fancharts.py            fan charts (median, 50% and 90% bands, the target)
    sensitivity_report.py   the sensitivity folder: indices, tables, ranking charts
    sensitivity_charts.py   ranking charts of Sobol and Morris indices
    calibration_report.py   the calibrate command: fit, write fit.yaml, draw the fit charts
    fitcharts.py            observed vs simulated, per fitted and held-out series
"""
