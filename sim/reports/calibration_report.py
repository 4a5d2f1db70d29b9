"""`python -m sim calibrate REGION`: fit the region (sim.analysis.calibration.fit), write
calibration/<region>/fit.yaml, the posterior samples fit/posterior.csv (forward window) and
fit/health_posterior.csv (health window, China) and the fit charts beside it
(sim.reports.fitcharts).

fit.yaml is written in every case (whether or not the acceptance rule holds); the command
exits with status 1 unless every window is accepted and validated (sim.interfaces.cli).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sim.analysis.calibration.fit import fit_region
from sim.analysis.calibration.health_window import FIT_UNTIL as HEALTH_FIT_UNTIL
from sim.analysis.calibration.record import staged_fit
from sim.analysis.calibration.runner import WindowFit
from sim.analysis.calibration.windows import FORWARD_FIT_UNTIL
from sim.core.paths import FIT_CHART_DIR, FIT_FILE
from sim.inputs.posterior import posterior_path
from sim.reports.fitcharts import draw_fit_charts, series_name
from sim.reports.text_table import text_table


def calibrate(region_name: str, seed: int = 0, starts: int = 3, progress=None,
              calibration_dir: Path | None = None, charts: bool = True,
              posterior: bool | dict = True) -> dict:
    """Fit the windows, write calibration/<region>/fit.yaml, the posterior samples of the
    forward and health windows (fit/posterior.csv, fit/health_posterior.csv, each when its
    window is accepted and `posterior` is not False;
    a dict sets the sampler, e.g. {"steps": 200}) and the fit charts; return the record. The
    record's `passed` says whether the acceptance rule holds."""
    settings = None if posterior is False else ({} if posterior is True else dict(posterior))
    result = fit_region(region_name, seed=seed, starts=starts, progress=progress,
                        calibration_dir=calibration_dir, posterior=settings)
    folder = result.folder
    with staged_fit(folder, result.record):    # fit.yaml replaced only if the charts succeed
        if charts:   # the charts' titles name the region, in Chinese and English
            replace_fit_charts(result.fits, folder, result.region)
        write_posterior(folder, result.posterior)
        write_posterior(folder, result.health_posterior, "health")
    if progress:
        written = f" and {folder / FIT_CHART_DIR}/" if charts else ""
        sample = "".join(f", {posterior_path(folder, kind)}" for kind, text in
                         (("forward", result.posterior), ("health", result.health_posterior))
                         if text)
        progress(f"wrote {folder / FIT_FILE}{sample}{written}")
    return result.record


def write_posterior(folder: Path, text: str | None, kind: str = "forward") -> None:
    """Write the posterior sample of `kind` (sim.inputs.posterior.KINDS) whole (a file beside
    it, renamed); with none, remove an old one, which would belong to another fit."""
    path = posterior_path(folder, kind)
    if text is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def replace_fit_charts(fits: list[WindowFit], folder: Path, region) -> None:
    """Draw the fit charts into a folder beside the chart folder, then put it in its place
    (the old charts go only when every new one is drawn)."""
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".fit-charts-"))
    try:
        draw_fit_charts(fits, staging, region)
        target = folder / FIT_CHART_DIR
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _day(stamp) -> str:
    return f"{stamp.year}年{stamp.month}月{stamp.day}日"


#: format_record's words by language (the record itself, fit.yaml, is English). "rule" and
#: "window" None: the record's own English text.
_RECORD: dict[str, dict[str, Any]] = {
    "zh": {
        "head": "{region}：校准{verdict}（{rule}）", "passed": "通过", "failed": "未通过",
        "status": "  拟合{fit}；样本外检验{check}；模型运行{runs}次，{seconds}秒",
        "accepted": "接受", "rejected": "不接受",
        "check": {True: "通过", False: "未通过", None: "无法进行（无留出观测）"},
        "verdict": {"identified": "可识别", "weak": "弱识别", "not identified": "不可识别"},
        "at_bound": "（在边界上）", "series": "{name}（{role}）",
        "role": {"fit": "拟合", "check": "检验", "shown": "仅展示"},
        "headers": (("参数", "估计值", "范围", "可识别性"), "序列"),
        "rule": "每个拟合序列的MAPE均小于5%时接受该窗口，每个留出序列均小于5%时通过样本外检验；"
                "前推窗口被接受时情景采用其估计值；各窗口均接受且通过检验时命令才以0退出"
                "（没有留出观测的窗口不算通过）",
        "window": {"backcast": "回推窗口：2010年普查结构推算至2020年普查",
                   "forward": f"前推窗口：自2020年普查按地区资料推算；拟合至"
                              f"{_day(FORWARD_FIT_UNTIL)}的观测，其后的留作检验",
                   "health": f"卫生资源窗口：自2010年普查推算卫生资源供给；拟合至"
                             f"{_day(HEALTH_FIT_UNTIL)}的公报数，其后的留作检验"}},
    "en": {
        "head": "{region}: calibration {verdict} ({rule})", "passed": "passed",
        "failed": "NOT passed",
        "status": "  fit {fit}; out-of-sample check {check}; {runs} model runs, {seconds} s",
        "accepted": "accepted", "rejected": "NOT accepted",
        "check": {True: "passed", False: "NOT passed",
                  None: "not possible (no held-out observation)"},
        "verdict": {}, "at_bound": " (at bound)", "series": "{series} ({role})", "role": {},
        "headers": (("parameter", "estimate", "bounds", "identification"), "series"),
        "rule": None, "window": None},
}


def format_record(record: dict, lang: str = "en") -> str:
    """The record as the command prints it: verdicts, estimates and fit statistics per window,
    in `lang` (the parameters keep their names, as in fit.yaml; in Chinese the series are named
    as on the fit charts)."""
    w = _RECORD["zh" if lang == "zh" else "en"]
    lines = [w["head"].format(region=record["region"],
                              verdict=w["passed"] if record["passed"] else w["failed"],
                              rule=w["rule"] or record["acceptance_rule"])]
    for name, window in record["windows"].items():
        lines.append(f"\n[{w['window'][name]}]" if w["window"] else
                     f"\n[{name}] {window['description']}")
        lines.append(w["status"].format(fit=w["accepted" if window["accepted"] else "rejected"],
                                        check=w["check"][window["validated"]],
                                        runs=window["model_runs"], seconds=window["seconds"]))
        rows = [[pname, f"{p['estimate']:.6g}", f"[{p['low']:.6g}, {p['high']:.6g}]",
                 w["verdict"].get(p["verdict"], p["verdict"])
                 + (w["at_bound"] if p["at_bound"] else "")]
                for pname, p in window["parameters"].items()]
        lines.append(_indented(text_table(list(w["headers"][0]), rows,
                                          align=["<", ">", ">", "<"])))
        rows = [[w["series"].format(series=s["series"], name=series_name(s["series"], lang),
                                    role=w["role"].get(s["role"], s["role"])),
                 str(s["n"]), f"{s['mape']:.2%}", f"{s['u_m']:.2f}", f"{s['u_s']:.2f}",
                 f"{s['u_c']:.2f}"] for s in window["series"].values()]
        lines.append(_indented(text_table([w["headers"][1], "n", "MAPE", "U_M", "U_S", "U_C"],
                                          rows, align=["<", ">", ">", ">", ">", ">"])))
    return "\n".join(lines)


def _indented(table: str) -> str:
    return "\n".join("  " + line for line in table.splitlines())


#: format_posterior's words: heading, diagnostics line, the warning when the chains are short,
#: the table's first headers, the windows' names.
_POSTERIOR = {
    "zh": ("\n[后验样本，{window}] {method}（批量引擎向量化）；{walkers}个游走者×{steps}步"
           "（前{burn}步舍弃），保留{draws}个抽样，种子{seed}；模型运行{runs}次，{seconds}秒",
           "  接受率{mean:.2f}（单个游走者最低{low:.2f}）；保留步数/积分自相关时间 {kept:.0f}",
           "（低于50：自相关时间的估计不稳）", ("参数", "均值", "标准差"),
           {"forward": "前推窗口", "health": "卫生资源窗口"}),
    "en": ("\n[posterior, {window}] {method}; {walkers} walkers x {steps} steps ({burn} "
           "burn-in), {draws} draws kept, seed {seed}; {runs} model runs, {seconds} s",
           "  acceptance {mean:.2f} (walker minimum {low:.2f}); kept steps / tau_int {kept:.0f}",
           " (below 50: tau_int is uncertain)", ("parameter", "mean", "sd"),
           {"forward": "forward window", "health": "health window"}),
}


def format_posterior(entry: dict, lang: str = "en") -> str:
    """fit.yaml's posterior entry as the command prints it, in `lang` ("en" or "zh")."""
    heading, line, short, header, windows = _POSTERIOR["zh" if lang == "zh" else "en"]
    d = entry["diagnostics"]
    tau, ess = d["autocorrelation_time_steps"], d["effective_sample_size"]
    window = entry.get("window", "forward")
    # the Chinese heading names the sampler only ("emcee 3.1.6 EnsembleSampler")
    method = entry["method"].split(",")[0] if lang == "zh" else entry["method"]
    lines = [heading.format(window=windows.get(window, window), method=method,
                            walkers=d["walkers"], steps=d["steps"], burn=d["burn"],
                            draws=entry["draws"], seed=entry["seed"], runs=entry["model_runs"],
                            seconds=entry["seconds"]),
             line.format(mean=d["acceptance_fraction_mean"], low=d["acceptance_fraction_min"],
                         kept=d["kept_steps_per_autocorrelation_time"])
             + ("" if d["tau_reliable"] else short)]
    rows = [[name, f"{s['mean']:.6g}", f"{s['sd']:.4g}", f"{s['q05']:.6g}", f"{s['q95']:.6g}",
             f"{tau[name]:.1f}", f"{ess[name]:.0f}"] for name, s in entry["parameters"].items()]
    table = text_table([*header, "5%", "95%", "tau_int", "ESS"], rows,
                       align=["<", ">", ">", ">", ">", ">", ">"])
    lines += ["  " + row for row in table.splitlines()]
    return "\n".join(lines)
