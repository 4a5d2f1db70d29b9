"""Fit charts of a calibration: observed vs simulated, one chart per window and series.

Simulated: the model's yearly path at the estimate (stocks on 1 Nov of each model year,
flows at the middle of the model year, as sim.analysis.calibration.windows compares them).
Observed: filled dots were fitted, open circles were held out (out-of-sample checks), grey
crosses are shown for context only (e.g. pre-census estimates never revised to the census).
Each chart's subtitle gives the series' MAPE and Theil statistics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.analysis.calibration.runner import WindowFit
from sim.analysis.calibration.windows import model_time
from sim.reports.fonts import use_fonts

ROLE_STYLE: dict[str, dict[str, Any]] = {   # Line2D properties by observation role
    "fit": dict(marker="o", color="#1f77b4", linestyle="none", label="observed, fitted"),
    "check": dict(marker="o", markerfacecolor="white", color="#d62728", linestyle="none",
                  label="observed, held out (out-of-sample check)"),
    "shown": dict(marker="x", color="#888888", linestyle="none",
                  label="observed, not fitted (see fit.yaml: excluded)"),
}
UNITS = {"resident_population": ("million residents", 1e-6),
         "births": ("thousand births per year", 1e-3),
         "deaths": ("thousand deaths per year", 1e-3),
         "crude_birth_rate": ("per 1,000 residents per year", 1.0),
         "crude_death_rate": ("per 1,000 residents per year", 1.0),
         **{count: ("thousand beds", 1e-3) for count in
            ("beds_total", "beds_hospital", "beds_primary")},
         **{count: ("thousand persons", 1e-3) for count in ("doctors", "nurses", "gps")}}


def draw_fit_charts(fits: list[WindowFit], folder: Path, region: str) -> list[Path]:
    import matplotlib  # heavy: matplotlib, only when drawing

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # heavy: matplotlib, only when drawing
    from matplotlib.ticker import MaxNLocator  # heavy: matplotlib, only when drawing

    from sim.reports import charts  # heavy: imports matplotlib
    from sim.reports.charts import save_figure  # heavy: imports matplotlib

    paths = []
    with plt.style.context(str(charts.STYLE)):
        use_fonts("en")
        for fit in fits:
            table = fit.simulated
            for name, rows in table.groupby("series"):
                series = str(name)  # the names are text; pandas types group keys as any scalar
                unit, factor = UNITS.get(series, ("percent of residents", 1.0))
                kind, value = fit.window.observable[series]
                path = value(fit.dataset)
                if "sample" in path.dims:
                    path = path.isel(sample=0)
                years = fit.dataset["time"].to_numpy().astype(float)
                values = path.to_numpy()
                if kind == "flow":
                    years, values = years[:-1] + 0.5, values[:-1]
                fig, ax = plt.subplots(figsize=(8, 5))
                fig.subplots_adjust(left=0.11, right=0.97, top=0.80, bottom=0.2)
                ax.plot(years, values * factor, color="#333333", linewidth=1.8,
                        label="simulated (at the estimate)")
                for role, group in rows.groupby("role"):
                    ax.plot(model_time(group["date"]), group["value"] * factor,
                            markersize=7, **ROLE_STYLE[str(role)])
                stats = "\n".join(
                    f"{s['role']}: MAPE {s['mape']:.1%}, U_M {s['u_m']:.2f}, U_S {s['u_s']:.2f}, "
                    f"U_C {s['u_c']:.2f} (n={s['n']})"
                    for s in fit.stats.values() if s["series"] == series)
                ax.set_title(f"{region}: {series.replace('_', ' ')} - {fit.window.name} "
                             f"window {fit.window.start}-{fit.window.end}\n{stats}",
                             fontsize=9, loc="left")
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
                ax.set_xlabel("model year (1 Nov of the year)")
                ax.set_ylabel(unit)
                ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2,
                          fontsize=8)
                # PNG only: these charts are committed beside fit.yaml
                paths += save_figure(fig, folder, f"{fit.window.name}_{series}", ("png",))
                plt.close(fig)
    return paths

