"""The posterior samples of a region's fit: the forward window's
(``calibration/<region>/fit/posterior.csv``) and, where the region has a health window (China),
the health window's (``fit/health_posterior.csv``): one file format and the checks before
`sim uncertainty` may draw from either (`KINDS`).

Format: data only. Comment lines (``# ``) holding a YAML header (what, region, the fit's
date, method, seed, diagnostics, the data hashes), then a CSV table with one row a draw and
one column a parameter (sim.analysis.calibration.posterior writes it).

When it is used: only with an accepted fit of its window (as `sim.inputs.fitted`), and only
when it was written by the same calibration as fit.yaml (fit.yaml records the file's hash under
the kind's entry, `posterior` or `health_posterior`)
from the data as they are now (the header's hashes of profile.yaml and history.csv). A
posterior made from other data is refused with a one-line error, as a stale fit.yaml is; a
missing one is reported (`PosteriorLookup.reason`) and the caller says what it does instead.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from sim.core.errors import MISSING, InputError, Verbatim
from sim.core.paths import (
    FIT_CHART_DIR,
    FIT_FILE,
    HEALTH_POSTERIOR_FILE,
    HISTORY_FILE,
    POSTERIOR_FILE,
    PROFILE_FILE,
)
from sim.core.yamlio import read_yaml_with_hash
from sim.inputs.profile import Region

__all__ = ["PosteriorSample", "PosteriorLookup", "posterior_text", "read_posterior",
           "load_posterior", "posterior_path", "CHECKED_FILES", "KINDS"]

COMMENT = "# "
#: The data files whose hashes must match for the posterior to be used (those it was fitted
#: to and from; fit.yaml records the same hashes).
CHECKED_FILES = (PROFILE_FILE, HISTORY_FILE)
#: The posterior samples a fit may carry: kind -> (the window sampled, its entry in fit.yaml,
#: the file in the fit folder).
KINDS = {"forward": ("forward", "posterior", POSTERIOR_FILE),
         "health": ("health", "health_posterior", HEALTH_POSTERIOR_FILE)}


@dataclass(frozen=True)
class PosteriorSample:
    header: dict
    table: pd.DataFrame   # one row a draw
    path: Path


@dataclass(frozen=True)
class PosteriorLookup:
    sample: PosteriorSample | None
    reason: str           # why there is none ("" when there is one)
    fitted: bool = True   # whether fit.yaml fits the kind's window at all
    reason_zh: str = ""   # the same reason in Chinese (a report in Chinese says it so)


#: The windows' names in Chinese, for the reasons above.
_WINDOW_ZH = {"forward": "前推", "health": "卫生资源"}


def posterior_path(folder: Path, kind: str = "forward") -> Path:
    return folder / FIT_CHART_DIR / KINDS[kind][2]


def posterior_text(header: dict, table: pd.DataFrame) -> str:
    """The file's text: the header as commented YAML, then the table as CSV (10 significant
    digits: far below the posterior's spread, and a third smaller than full precision)."""
    head = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=100)
    lines = [COMMENT + line for line in head.splitlines()]
    return "\n".join(lines) + "\n" + table.to_csv(index=False, float_format="%.10g")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_posterior(path: Path) -> PosteriorSample:
    """Header and table of a posterior file; a damaged file is a one-line `InputError`."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head = [line[len(COMMENT):] for line in lines if line.startswith(COMMENT)]
    body = "".join(line for line in lines if not line.startswith(COMMENT))
    try:
        header = yaml.safe_load("".join(head))
        table = pd.read_csv(io.StringIO(body))
    except (yaml.YAMLError, ValueError, pd.errors.ParserError) as error:
        raise InputError(path, "(file)", Verbatim(type(error).__name__),
                         "a commented YAML header and a CSV table, as written by "
                         "`python -m sim calibrate`", "cannot be read") from None
    if not isinstance(header, dict) or table.empty or not all(
            pd.api.types.is_numeric_dtype(t) for t in table.dtypes):
        raise InputError(path, "(file)", Verbatim("header or table"),
                         "a commented YAML header and a numeric CSV table, as written by "
                         "`python -m sim calibrate`", "damaged (cut short or edited?)")
    return PosteriorSample(header, table, path)


def load_posterior(region: Region, kind: str = "forward") -> PosteriorLookup:
    """The region's posterior sample of `kind` (`KINDS`) if it may be used (module
    docstring); else the reason there is none. Raises `InputError` for a posterior made from
    other data or by another calibration than fit.yaml's."""
    folder = region.path
    window, entry, _ = KINDS[kind]
    fit_path, path = folder / FIT_FILE, posterior_path(folder, kind)
    command = f"`python -m sim calibrate {region.name}`"
    if not fit_path.is_file():
        return PosteriorLookup(None, f"no {FIT_FILE} for the region", False,
                               f"该地区没有{FIT_FILE}")
    raw, _ = read_yaml_with_hash(fit_path)
    fitted = (raw.get("windows") or {}).get(window) or {}
    if fitted.get("accepted") is not True:
        if not fitted:
            return PosteriorLookup(None, f"{FIT_FILE} has no {window} window", False,
                                   f"{FIT_FILE}中没有{_WINDOW_ZH[window]}窗口")
        return PosteriorLookup(None, f"the {window} fit in {FIT_FILE} is not accepted",
                               reason_zh=f"{FIT_FILE}中的{_WINDOW_ZH[window]}拟合未被接受")
    recorded = raw.get(entry)
    if not isinstance(recorded, dict) or "sha256" not in recorded:
        return PosteriorLookup(None, f"{FIT_FILE} records no {window} posterior sample "
                                     f"(re-run {command})",
                               reason_zh=f"{FIT_FILE}没有记录{_WINDOW_ZH[window]}窗口的后验样本"
                                         f"（请重新运行{command}）")
    if not path.is_file():
        return PosteriorLookup(None, f"{path} not found (re-create it with {command})",
                               reason_zh=f"找不到{path}（请用{command}重新生成）")
    text = path.read_text(encoding="utf-8")
    if sha256_text(text) != recorded["sha256"]:
        raise InputError(path, "(file)", Verbatim(sha256_text(text)[:12]),
                         f"the {window} posterior {FIT_FILE} records "
                         f"({str(recorded['sha256'])[:12]})",
                         f"written by another calibration than {FIT_FILE}; re-run {command}")
    sample = read_posterior(path)
    hashes = sample.header.get("data_sha256")
    if not isinstance(hashes, dict):
        raise InputError(path, "data_sha256", MISSING, "the hashes of the data it was fitted to",
                         f"missing (file cut short?); re-run {command}")
    for name in CHECKED_FILES:
        current = _sha256_file(folder / name)
        if hashes.get(name) != current:
            raise InputError(path, f"data_sha256.{name}", Verbatim(str(hashes.get(name))[:12]),
                             f"the hash of the current {name} ({current[:12]})",
                             f"sampled from another version of {name}; re-run {command}")
    return PosteriorLookup(sample, "")


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
