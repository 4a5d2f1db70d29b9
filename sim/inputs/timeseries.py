"""Time-series inputs: how a value that changes over the years is written in YAML.

A *series* is one of (same syntax in scenario files and region profiles)::

    1.2                                                  # Constant: the same every year
    {step:  {2020: 1.0, 2025: 1.2}}                      # Step: holds from each year to the next
    {ramp:  {from: 1.0, to: 0.8, start: 2020, end: 2023}} # Ramp: linear start..end, flat outside
    {table: {2020: 1.0, 2021: 0.95, 2022: 0.93}}         # Table: linear between years, flat outside

Years are model years (integers; the population is counted on 1 Nov of each year). Values are in
the unit of the key the series is attached to (see `sim.inputs.keys`). Each form is a strict,
immutable pydantic model with ``values(years)``, ``years_mentioned()`` and ``to_yaml_value()``;
`parse_series` builds one from parsed YAML and raises `InputError` on anything else.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from pydantic import ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from sim.core.errors import InputError, Verbatim, did_you_mean
from sim.core.schema import StrictModel, validate

__all__ = ["Constant", "Step", "Ramp", "RampSpec", "Table", "Series", "FORMS", "parse_series",
           "SERIES_ALLOWED"]

#: Allowed text for a value that is not a series at all.
SERIES_ALLOWED = ("a number, or one of {step: {year: value, ...}}, "
                  "{ramp: {from: value, to: value, start: year, end: year}}, "
                  "{table: {year: value, ...}}")


class _Strict(StrictModel):
    # StrictModel's settings, plus: a field declared with an alias (ramp `from`, a Python
    # keyword) also accepts its Python name (`from_`) when built in code.
    model_config = ConfigDict(populate_by_name=True)


def _plain(x: float) -> float | int:
    """Number for YAML output: whole numbers as int (``150000`` rather than ``150000.0``)."""
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _as_years(years: Any) -> np.ndarray:
    return np.asarray(years, dtype=np.float64)


class _SeriesBase(_Strict):
    """Methods common to every series form."""

    def values(self, years: np.ndarray) -> np.ndarray:
        """Value at each of `years` (float64 array of the same shape), in the key's unit."""
        raise NotImplementedError

    def years_mentioned(self) -> list[int]:
        """Years written in the series (sorted); empty for a constant."""
        return sorted({year for _, year in self.year_items()})

    def year_items(self) -> list[tuple[str, int]]:
        """(sub-key, year) for each year written, e.g. ``('ramp.end', 2030)``; for error
        messages."""
        raise NotImplementedError

    def value_items(self) -> list[tuple[str, float]]:
        """(sub-key, value) for each value written, e.g. ``('table.2025', 0.9)``.

        Every form interpolates between (or holds) its written values, so the range of a series
        over any set of years lies within the range of these values: checking them checks all.
        """
        raise NotImplementedError

    def to_yaml_value(self) -> Any:
        """The plain YAML form (numbers, dicts) that `parse_series` reads back to an equal
        series."""
        raise NotImplementedError


class Constant(_SeriesBase):
    """The same value every year."""

    value: float

    def values(self, years: np.ndarray) -> np.ndarray:
        return np.full(np.shape(years), self.value, dtype=np.float64)

    def year_items(self) -> list[tuple[str, int]]:
        return []

    def value_items(self) -> list[tuple[str, float]]:
        return [("", self.value)]

    def to_yaml_value(self) -> Any:
        return _plain(self.value)


_YEAR_TABLE = "at least one 'year: value' entry, years as whole numbers"


def _sorted_arrays(table: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    years = sorted(table)
    return (np.array(years, dtype=np.float64),
            np.array([table[y] for y in years], dtype=np.float64))


class Step(_SeriesBase):
    """Value holds from each listed year until the next; before the first year, the first value."""

    step: dict[int, float] = Field(min_length=1, description=_YEAR_TABLE)

    def values(self, years: np.ndarray) -> np.ndarray:
        at, vals = _sorted_arrays(self.step)
        idx = np.searchsorted(at, _as_years(years), side="right") - 1
        return vals[np.clip(idx, 0, None)]

    def year_items(self) -> list[tuple[str, int]]:
        return [(f"step.{y}", y) for y in sorted(self.step)]

    def value_items(self) -> list[tuple[str, float]]:
        return [(f"step.{y}", self.step[y]) for y in sorted(self.step)]

    def to_yaml_value(self) -> Any:
        return {"step": {y: _plain(self.step[y]) for y in sorted(self.step)}}


class RampSpec(_Strict):
    """Linear change from `from` (in year `start`) to `to` (in year `end`)."""

    from_: float = Field(alias="from", description="a number (the value up to the start year)")
    to: float = Field(description="a number (the value from the end year on)")
    start: int = Field(description="a whole-number year (when the change starts)")
    end: int = Field(description="a whole-number year after start (when the change is complete)")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise PydanticCustomError(
                "ramp_order", "ramp end must be after its start",
                {"allowed": f"a year after ramp.start ({start})"})
        return end


class Ramp(_SeriesBase):
    """Linear from ``ramp.start`` to ``ramp.end``; ``from`` before, ``to`` after."""

    ramp: RampSpec

    def values(self, years: np.ndarray) -> np.ndarray:
        r = self.ramp
        # np.interp holds the end values flat outside [start, end], which is the ramp definition.
        # The clip removes float rounding overshoot, so a ramp ending exactly on a key's bound
        # never produces a value an ulp outside it.
        v = np.interp(_as_years(years), [r.start, r.end], [r.from_, r.to])
        return np.clip(v, min(r.from_, r.to), max(r.from_, r.to)).astype(np.float64)

    def year_items(self) -> list[tuple[str, int]]:
        return [("ramp.start", self.ramp.start), ("ramp.end", self.ramp.end)]

    def value_items(self) -> list[tuple[str, float]]:
        return [("ramp.from", self.ramp.from_), ("ramp.to", self.ramp.to)]

    def to_yaml_value(self) -> Any:
        r = self.ramp
        return {"ramp": {"from": _plain(r.from_), "to": _plain(r.to), "start": r.start,
                         "end": r.end}}


class Table(_SeriesBase):
    """Linear interpolation between listed years; flat before the first and after the last."""

    table: dict[int, float] = Field(min_length=1, description=_YEAR_TABLE)

    def values(self, years: np.ndarray) -> np.ndarray:
        at, vals = _sorted_arrays(self.table)
        # Clip as for Ramp: interpolation never leaves the range of the written values.
        v = np.interp(_as_years(years), at, vals)
        return np.clip(v, vals.min(), vals.max()).astype(np.float64)

    def year_items(self) -> list[tuple[str, int]]:
        return [(f"table.{y}", y) for y in sorted(self.table)]

    def value_items(self) -> list[tuple[str, float]]:
        return [(f"table.{y}", self.table[y]) for y in sorted(self.table)]

    def to_yaml_value(self) -> Any:
        return {"table": {y: _plain(self.table[y]) for y in sorted(self.table)}}


Series = Constant | Step | Ramp | Table

#: Series forms written as a one-key mapping, by that key.
FORMS: dict[str, type[Series]] = {"step": Step, "ramp": Ramp, "table": Table}


def parse_series(raw: Any, file: str | os.PathLike[str] | None, key: str) -> Series:
    """Build a series from a parsed YAML value.

    `file` and `key` (dotted path of the value, e.g. ``assumptions.population.tfr``) locate
    errors; a problem inside the series extends the key (``...tfr.ramp.end``).
    Raises `InputError`.
    """
    if isinstance(raw, bool):  # YAML `yes`/`true` is a bool, and bool is an int subclass
        raise InputError(file, key, raw, SERIES_ALLOWED,
                         "wrong type (true/false; YAML reads yes/no/on/off as true/false)")
    if isinstance(raw, (int, float)):
        return _validate(Constant, {"value": raw}, file, key)
    if isinstance(raw, dict):
        forms = [k for k in raw if k in FORMS]
        if len(raw) == 1 and forms:
            return _validate(FORMS[forms[0]], raw, file, key)
        if len(forms) > 1 or (forms and len(raw) > 1):
            extra = next(k for k in raw if k != forms[0])
            raise InputError(file, f"{key}.{extra}", Verbatim(str(extra)),
                             "exactly one of step, ramp or table per series",
                             "a series has a single form")
        if not raw:
            raise InputError(file, key, raw, SERIES_ALLOWED, "empty mapping")
        unknown = next(iter(raw))
        raise InputError(file, f"{key}.{unknown}", Verbatim(str(unknown)),
                         "one of step, ramp, table (or a plain number)",
                         "unknown series form" + did_you_mean(unknown, FORMS))
    kind = "text" if isinstance(raw, str) else "a list" if isinstance(raw, list) else \
        "an empty value" if raw is None else type(raw).__name__
    raise InputError(file, key, raw, SERIES_ALLOWED, f"wrong type ({kind})")


def _validate(model: type[Series], raw: dict, file: Any, key: str) -> Series:
    if model is not Constant:
        return validate(model, raw, file, prefix=key)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:  # the wrapper {"value": ...} is ours, not the analyst's
        err = exc.errors()[0]
        problem = "not a finite number" if err["type"] == "finite_number" else err["msg"]
        raise InputError(file, key, raw["value"], "a finite number", problem) from None
