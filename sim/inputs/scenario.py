"""Scenario files: what an analyst changes relative to a region's defaults.

A scenario file (YAML, read-only)::

    # Hangzhou, low fertility: what if TFR keeps falling to 0.6 by 2030?
    name: low_fertility            # optional; defaults to the file name without .yaml
    description: "..."             # optional
    title_zh: 低生育率              # optional: the title and description a report shows in
    title_en: Low fertility        #   its language (title, then name, if not given; the
    description_zh: "..."          #   description_<lang>, then description)
    description_en: "..."
    region: hangzhou               # required unless inherited via extends
    extends: baseline.yaml         # optional; path relative to this file's real folder
    years: {start: 2020, end: 2035} # required unless inherited; start = 2020, end 2021..2050
    assumptions:                   # keys of kind "assumption" in sim.inputs.keys.KEYS
      population.tfr: {ramp: {from: 1.0, to: 0.6, start: 2020, end: 2030}}
    levers: {}                     # keys of kind "lever"

With ``extends``, the parent is read first and the child overrides it: ``region`` and each of
``years.start``/``years.end`` are inherited unless given, and each key under ``assumptions`` /
``levers`` is replaced whole (a child's series is never merged into the parent's). ``name`` and
``description`` (and the ``title*``/``description_*`` texts) are the child's own. The merged
result is validated; every error is ONE `InputError` naming the file in which the offending
value was written.

``extends`` names a ``.yaml`` file inside the scenario tree: the scenario library
(`sim.core.paths.SCENARIOS_DIR`) or the real folder of the file loaded (and its subfolders),
after symlinks are resolved. Anything else (``/etc/passwd``, ``../../secret.yaml``) is refused
by name before it is opened, so no error can quote a file that is not a scenario.

``name`` (or the file name it defaults to) becomes a results folder: 1 to `MAX_NAME_CHARS`
letters, digits, spaces and ``_ - . + ( )``, at most 255 bytes in UTF-8, starting with a letter,
digit or ``_`` and not ending with a space (`check_name`), so that ``validate`` refuses what
``run`` could not write.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import Field

from sim.core.errors import (
    MISSING,
    InputError,
    InputWarning,
    SimError,
    Verbatim,
    did_you_mean,
    one_of,
)
from sim.core.paths import SCENARIOS_DIR
from sim.core.schema import StrictModel, load_yaml_model, validate
from sim.core.yamlio import parse_yaml_text
from sim.inputs import keys as _keys
from sim.inputs.keys import BASE_YEAR, MAX_END_YEAR, range_text
from sim.inputs.region import Region, list_regions, resolve_region
from sim.inputs.timeseries import Series, parse_series

__all__ = ["Scenario", "load_scenario", "effective_series", "SECTIONS", "check_name",
           "MAX_NAME_CHARS"]

#: Longest scenario name in characters (it names a results folder; ours are under 25).
MAX_NAME_CHARS = 100
#: Longest file name most file systems take (ext4, APFS, NTFS: 255 bytes or UTF-16 units).
_MAX_NAME_BYTES = 255
#: A name: letters and digits of any script, _, space, and - . + ( ); starting with a letter,
#: digit or _ (not a dot: hidden; not -: an option), not ending with a space.
_NAME = re.compile(r"\w(?:[\w .+()-]*[\w.+()-])?")
_NAME_RULE = (f"1 to {MAX_NAME_CHARS} letters, digits, spaces and _ - . + ( ), at most "
              f"{_MAX_NAME_BYTES} bytes in UTF-8, starting with a letter, digit or _ and not "
              "ending with a space (it names the results folder)")
_SUFFIXES = (".yaml", ".yml")

#: Scenario sections and the kind of key each holds.
SECTIONS = {"assumptions": "assumption", "levers": "lever"}
_SECTION_OF = {kind: section for section, kind in SECTIONS.items()}


class _Years(StrictModel):
    start: int | None = Field(None, ge=BASE_YEAR, le=BASE_YEAR,
                              description=f"{BASE_YEAR} (the base year: the census population)")
    end: int | None = Field(None, ge=BASE_YEAR + 1, le=MAX_END_YEAR,
                            description=f"a year from {BASE_YEAR + 1} to {MAX_END_YEAR}")


class _ScenarioFile(StrictModel):
    """One scenario file as written (before inheritance)."""

    name: str | None = Field(None, description=_NAME_RULE + "; defaults to the file name")
    description: str | None = Field(None, description="text")
    title: str | None = Field(None, description="text: a short title for reports")
    title_zh: str | None = Field(None, description="text: the title in Chinese")
    title_en: str | None = Field(None, description="text: the title in English")
    description_zh: str | None = Field(None, description="text: the description in Chinese")
    description_en: str | None = Field(None, description="text: the description in English")
    region: str | None = Field(None, description="a region name (a folder of calibration/, "
                                                 "or its English or Chinese name)")
    extends: str | None = Field(None, description="a scenario file path, relative to this file")
    years: _Years | None = Field(None, description="{start: 2020, end: <2021..2050>}")
    assumptions: dict[str, Any] | None = Field(None, description="a mapping of assumption keys "
                                                                 "to series")
    levers: dict[str, Any] | None = Field(None, description="a mapping of lever keys to series")


@dataclass(frozen=True)
class _Layer:
    """A validated scenario file and the series it writes (key -> (section, series))."""

    path: Path
    doc: _ScenarioFile
    series: dict[str, tuple[str, Series]]
    sha256: str


@dataclass(frozen=True)
class Scenario:
    """A loaded, validated scenario (after `extends` inheritance).

    values: the series the scenario files set explicitly (child over parents), by key; region
        defaults are not included (see `effective_series`). Units as in `sim.inputs.keys.KEYS`.
    start, end: the horizon, model years (population counted on 1 Nov of each year).
    chain: the files read, child first (absolute paths).
    sha256: hex digest of the bytes of the scenario file itself (`path`); `file_sha256` has every
        file of the chain.
    value_files: for each key of `values`, the file that set it.
    titles, descriptions: the texts a report shows, by language ("zh", "en") or "" for the
        language-neutral ``title``/``description``; see `title_in` and `description_in`.
    """

    path: Path
    name: str
    description: str
    region: str
    start: int
    end: int
    values: dict[str, Series]
    chain: tuple[Path, ...]
    sha256: str
    value_files: dict[str, Path] = field(default_factory=dict)
    file_sha256: dict[Path, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title for a report in `lang`: ``title_<lang>``, else ``title``, else the name."""
        return self.titles.get(lang) or self.titles.get("") or self.name

    def description_in(self, lang: str) -> str:
        """``description_<lang>``, else ``description`` (which may be in either language)."""
        return self.descriptions.get(lang) or self.descriptions.get("") or self.description

    @property
    def years(self) -> np.ndarray:
        """Model years of the horizon, start..end inclusive (int array)."""
        return np.arange(self.start, self.end + 1)

    def resolved(self, region: Region | None = None) -> dict[str, Any]:
        """The scenario as one plain mapping, in scenario-file form without ``extends``.

        With `region`, every key's effective series (region defaults overlaid with this
        scenario) is included, so the mapping fully describes the run's inputs. Only plain types
        (str, int, float, dict), so ``yaml.safe_dump`` writes it. Without `region` it reads back
        through `load_scenario` to the same values; with `region` it may not, because region
        defaults are not bound to the horizon (e.g. a ramp to 2050 in a run ending 2035).
        """
        series = effective_series(self, region) if region is not None else dict(self.values)
        out: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            **{(f"title_{lang}" if lang else "title"): text for lang, text in self.titles.items()},
            **{f"description_{lang}": text for lang, text in self.descriptions.items() if lang},
            "region": self.region,
            "years": {"start": self.start, "end": self.end},
        }
        for section, kind in SECTIONS.items():
            out[section] = {k: s.to_yaml_value() for k, s in series.items()
                            if _keys.KEYS[k].kind == kind}
        return out


def load_scenario(path: str | os.PathLike[str],
                  calibration_dir: str | os.PathLike[str] | None = None, *,
                  text: str | None = None) -> Scenario:
    """Read and validate the scenario file `path` and the files it extends.

    `calibration_dir` (default `sim.core.paths.CALIBRATION_DIR`) is where region names are looked
    up. Files are only read, never written. Raises `InputError`.
    With `text`, the scenario is that YAML text read as though it were the file `path` (which
    need not exist): its `extends` is judged from `path`'s folder (the web page's requests,
    sim.interfaces.serve).
    """
    layers = _read_chain(Path(path), text)  # child first
    child = layers[0]

    # Inherit from the root down; remember where each value was written for error messages.
    region: tuple[str, Path] | None = None
    start: tuple[int, Path] | None = None
    end: tuple[int, Path] | None = None
    values: dict[str, tuple[str, Series, Path]] = {}
    for layer in reversed(layers):
        doc = layer.doc
        if doc.region is not None:
            region = (doc.region, layer.path)
        if doc.years is not None and doc.years.start is not None:
            start = (doc.years.start, layer.path)
        if doc.years is not None and doc.years.end is not None:
            end = (doc.years.end, layer.path)
        for key, (section, series) in layer.series.items():
            values[key] = (section, series, layer.path)

    inherit = " (or inherit it through extends)"
    if region is None:
        known = list_regions(calibration_dir)
        raise InputError(child.path, "region", MISSING, (one_of(known) if known else
                         "a region name") + inherit, "required key is missing")
    if start is None:
        raise InputError(child.path, "years.start", MISSING, f"{BASE_YEAR}{inherit}",
                         "required key is missing")
    if end is None:
        raise InputError(child.path, "years.end", MISSING,
                         f"a year from {BASE_YEAR + 1} to {MAX_END_YEAR}{inherit}",
                         "required key is missing")

    known = list_regions(calibration_dir)
    region = (resolve_region(region[0], calibration_dir), region[1])  # 杭州 -> hangzhou
    if region[0] not in known:
        raise InputError(region[1], "region", region[0],
                         one_of(known) if known else "a region folder with a profile.yaml "
                         "(none found in the calibration folder)",
                         "unknown region" + did_you_mean(region[0], known))

    horizon = np.arange(start[0], end[0] + 1)
    for key, (section, series, file) in values.items():
        _check_horizon(series, file, f"{section}.{key}", start[0], end[0], end[1])
        # The written values were range-checked when read; this re-checks what the model will
        # actually receive over the horizon (cannot fail for the current series forms).
        spec = _keys.KEYS[key]
        produced = series.values(horizon)
        bad = np.flatnonzero((produced < spec.low) | (produced > spec.high))
        if bad.size:
            raise InputError(file, f"{section}.{key}", float(produced[bad[0]]), range_text(spec),
                             f"value out of range in {int(horizon[bad[0]])}")

    name = child.doc.name if child.doc.name is not None else child.path.stem
    if child.doc.name is None:
        check_name(name, child.path, defaulted=True)
    return Scenario(
        path=child.path,
        name=name,
        description=child.doc.description or "",
        region=region[0],
        start=start[0],
        end=end[0],
        values={k: s for k, (_, s, _) in values.items()},
        chain=tuple(layer.path for layer in layers),
        sha256=child.sha256,
        value_files={k: f for k, (_, _, f) in values.items()},
        file_sha256={layer.path: layer.sha256 for layer in layers},
        titles=_texts(child.doc, "title"),
        descriptions=_texts(child.doc, "description"),
    )


def _texts(doc: _ScenarioFile, field_name: str) -> dict[str, str]:
    """The texts given for `field_name` ("title" or "description"), by language suffix ("" for
    the plain key)."""
    texts = {lang: getattr(doc, f"{field_name}_{lang}" if lang else field_name)
             for lang in ("", "zh", "en")}
    return {lang: text.strip() for lang, text in texts.items() if text and text.strip()}


def effective_series(scenario: Scenario, region: Region) -> dict[str, Series]:
    """Series of every key for a run: `region` defaults overlaid with the scenario's values.

    Ordered as `sim.inputs.keys.KEYS`. Raises `SimError` if the region is not the scenario's.
    """
    if region.name != scenario.region:
        raise SimError(f"scenario {scenario.name} is for region {scenario.region!r}, "
                       f"not {region.name!r}")
    merged = {**region.defaults, **scenario.values}
    return {k: merged[k] for k in _keys.KEYS if k in merged}


# ---------------------------------------------------------------------------------------------

def check_name(name: str, file: Path, *, defaulted: bool = False) -> None:
    """Raise `InputError` unless `name` can name a results folder (module docstring)."""
    if (len(name) <= MAX_NAME_CHARS and _NAME.fullmatch(name)
            and len(name.encode("utf-8", "surrogatepass")) <= _MAX_NAME_BYTES):
        return
    if defaulted:
        raise InputError(file, "name", name, _NAME_RULE + "; set name: in the file, or rename "
                         "the file", "unusable name (taken from the file name)")
    raise InputError(file, "name", name, _NAME_RULE, "unusable name")


def _tree(path: Path) -> tuple[Path, ...]:
    """The folders whose files `path` may extend (module docstring), real paths."""
    return (SCENARIOS_DIR.resolve(), path.resolve().parent)


def _read_chain(path: Path, text: str | None = None) -> list[_Layer]:
    """Read `path` (or `text` as though it were `path`) and the files it extends, child first;
    detect files outside the scenario tree, missing files and cycles."""
    layers: list[_Layer] = []
    seen: list[Path] = []
    current = Path(os.path.abspath(path))
    tree = _tree(current)
    while True:
        layer = _read_layer(current, text if not layers else None)
        layers.append(layer)
        seen.append(_identity(current))
        if layer.doc.extends is None:
            return layers
        # From the real folder of the file that says it (a symlinked scenario extends its
        # neighbours where it really lies), and judged after resolving symlinks.
        target = Path(os.path.abspath(current.resolve().parent / layer.doc.extends))
        if target.suffix not in _SUFFIXES or not any(
                target.resolve().is_relative_to(root) for root in tree):
            raise InputError(current, "extends", layer.doc.extends,
                             f"a .yaml scenario file in the scenario library "
                             f"({_shown(tree[0])}) or in the folder of {_shown(layers[0].path)}"
                             " or below it", "outside the scenario tree (not read)")
        if not target.is_file():
            raise InputError(current, "extends", layer.doc.extends,
                             f"an existing scenario file, path relative to this file's folder "
                             f"({_shown(current.parent)})", f"file not found: {_shown(target)}")
        if _identity(target) in seen:
            names = [_shown(layer.path) for layer in layers] + [_shown(target)]
            raise InputError(current, "extends", layer.doc.extends,
                             "a scenario file that does not extend this one, directly or "
                             "indirectly", "extends makes a cycle: " + " → ".join(names))
        current = target


def _identity(path: Path) -> Path:
    # resolve() so that symlinks and ../ spellings of the same file are recognised in a cycle.
    return path.resolve()


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_layer(path: Path, text: str | None = None) -> _Layer:
    if text is None:
        doc, sha256 = load_yaml_model(path, _ScenarioFile)
    else:
        doc = validate(_ScenarioFile, parse_yaml_text(text, path), path)
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if doc.name is not None:
        check_name(doc.name, path)
    series: dict[str, tuple[str, Series]] = {}
    for section, kind in SECTIONS.items():
        for key, raw_series in (getattr(doc, section) or {}).items():
            _check_key(path, section, kind, key, raw_series)
            where = f"{section}.{key}"
            s = parse_series(raw_series, path, where)
            spec = _keys.KEYS[key]
            for sub, v in s.value_items():
                at = f"{where}.{sub}" if sub else where
                if not spec.low <= v <= spec.high:
                    raise InputError(path, at, v, range_text(spec),
                                     "value out of range" + _percent_hint(spec, v))
                if spec.unit == "1/year" and v == 1:
                    warnings.warn(InputWarning(
                        f"{_shown(path)}: {at}: 1 is 100% a year ({spec.label_en}); a yearly "
                        "rate is a fraction per year: write 0.01 for 1% a year, if that was "
                        "meant"), stacklevel=2)
            series[key] = (section, s)
    return _Layer(path=path, doc=doc, series=series, sha256=sha256)


def _check_key(path: Path, section: str, kind: str, key: str, raw: Any) -> None:
    spec = _keys.KEYS.get(key)
    where = f"{section}.{key}"
    if spec is None:
        same_kind = _keys.keys_of_kind(kind)
        allowed = one_of(same_kind) if same_kind else f"none yet (no {kind} keys are defined)"
        nested = [k for k in _keys.KEYS if k.startswith(f"{key}.")]
        if nested and isinstance(raw, dict):
            # `population: {tfr: 1.2}` instead of `population.tfr: 1.2`.
            raise InputError(path, where, Verbatim(key), f"full dotted keys such as "
                             f"'{nested[0]}: <series>'", "keys are written in full, one per line")
        raise InputError(path, where, Verbatim(key), allowed,
                         "unknown key" + did_you_mean(key, _keys.KEYS))
    if spec.kind != kind:
        right = _SECTION_OF[spec.kind]
        raise InputError(path, where, Verbatim(key), f"{key} under {right}:",
                         f"{key} is {_a(spec.kind)}, not {_a(kind)}")


def _percent_hint(spec: _keys.KeySpec, value: float) -> str:
    """" (looks like a percent: …)" for a share or a yearly rate given as a percent (40 for
    0.4), else ""."""
    if spec.unit in ("1", "1/year") and spec.high <= 1 < value <= 100:
        per = " a year" if spec.unit == "1/year" else ""
        return (f" (looks like a percent: a {'rate' if per else 'share'} is a fraction"
                f"{per}, {value:g}% is {value / 100:g})")
    return ""


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _check_horizon(series: Series, file: Path, where: str, start: int, end: int,
                   end_file: Path) -> None:
    for sub, year in series.year_items():
        if not start <= year <= end:
            note = "" if end_file == file else f" (years.end set in {_shown(end_file)})"
            raise InputError(file, f"{where}.{sub}", year,
                             f"a year within the scenario's years, {start} to {end}{note}",
                             "year outside the scenario's years")


#: More scenarios than this in one command is a mistake (a pattern over results?), not a review.
MAX_SCENARIOS = 500
_GLOB_CHARS = set("*?[")


def scenario_files(patterns: list[str]) -> list[Path]:
    """The files named, each pattern with * ? [ ] expanded (as a shell would, sorted), in order
    and without repeats. A pattern that matches nothing is an InputError naming it (a missing
    file is reported by `load_scenario`)."""
    files: list[Path] = []
    for pattern in patterns:
        if _GLOB_CHARS & set(pattern):
            matches = sorted(glob.glob(pattern, recursive=True))
            if not matches:
                raise InputError(None, "SCENARIO", pattern, "a file or a pattern that matches "
                                 "scenario files", "matches no file")
            found = [Path(m) for m in matches]
        else:
            found = [Path(pattern)]
        for path in found:
            if path not in files:
                files.append(path)
    if len(files) > MAX_SCENARIOS:
        raise InputError(None, "SCENARIO", f"{len(files)} files", f"at most {MAX_SCENARIOS}",
                         "too many scenarios for one overview")
    return files
