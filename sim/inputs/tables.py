"""CSV tables of the calibration folder: the reading rules shared by region profiles, the national
tables and the observed history.

Every CSV may start with ``#`` comment lines and contain blank lines; the header and the number of
cells of each row are checked. Tables by single year of age have one row for each age 0..100
(100 stands for 100 and over), either wide (``age,female,male``) or long (``age,sex,<values>``).
Every problem is a one-line `InputError` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import xarray as xr

from sim.core.errors import MISSING, InputError, Verbatim, one_of, show_value

__all__ = ["AGES", "SEXES", "SUM_TOLERANCE", "TOTAL_TOLERANCE", "csv_rows", "read_age_csv",
           "read_sex_age_csv", "sex_age_array", "check_sums_to_one", "check_census_total"]

#: Single years of age 0..100; 100 stands for 100 and over.
AGES = np.arange(101)
SEXES = ["female", "male"]
#: Shares must sum to 1 within this (the files are written to 1e-12; allow for CSV rounding).
SUM_TOLERANCE = 1e-9
#: Population CSV total vs the census total, persons (the contract says "exactly, to 1e-6").
TOTAL_TOLERANCE = 1e-6


def csv_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) of each data row of a CSV with header `columns`: leading
    ``#`` comment lines and blank lines skipped, the header and the number of cells checked."""
    header = ",".join(columns)
    seen_header = False
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in next(csv.reader([line]))]
        if not seen_header:
            if cells != columns:
                raise InputError(path, f"line {lineno} (header)", Verbatim(line.strip()),
                                 f"the header {header}", "wrong column header")
            seen_header = True
            continue
        if len(cells) != len(columns):
            raise InputError(path, f"line {lineno}", Verbatim(line.strip()),
                             f"{len(columns)} comma-separated values ({header})",
                             "wrong number of values")
        yield lineno, cells
    if not seen_header:
        raise InputError(path, "(header)", MISSING, f"the header {header}", "no header line")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "(file)", Verbatim(str(path)), "an existing CSV file",
                         "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, "(file)", Verbatim(str(path)), "a readable UTF-8 CSV file",
                         f"cannot read file ({exc})") from None


def _csv_number(path: Path, where: str, cell: str, high: float, allowed: str) -> float:
    """One cell as a finite number from 0 to `high`."""
    try:
        value = float(cell)
    except ValueError:
        raise InputError(path, where, cell, "a number", "not a number") from None
    if not math.isfinite(value) or not 0.0 <= value <= high:
        raise InputError(path, where, value, allowed, "value out of range")
    return value


def read_age_csv(path: Path, columns: tuple[str, ...]) -> np.ndarray:
    """Read a CSV with header `columns` (first is ``age``) and rows for ages 0..100 in order.

    Leading ``#`` comment lines and blank lines are skipped. Returns the value columns as a
    float64 array of shape (101, len(columns) - 1); every value finite and >= 0.
    """
    rows: list[list[float]] = []
    for lineno, cells in csv_rows(path, list(columns)):
        expected_age = len(rows)
        if cells[0] != str(expected_age):
            raise InputError(path, f"line {lineno}, age", Verbatim(cells[0]),
                             f"{expected_age} (ages 0 to 100 in order, one row each)",
                             "unexpected age")
        rows.append([_csv_number(path, f"line {lineno}, {name} (age {expected_age})", cell,
                                 math.inf, "a finite number >= 0")
                     for name, cell in zip(columns[1:], cells[1:])])
    if len(rows) != len(AGES):
        raise InputError(path, "rows", len(rows), f"{len(AGES)} rows, ages 0 to 100 "
                         "(100 means 100 and over)", "wrong number of rows")
    return np.array(rows, dtype=np.float64)


def read_sex_age_csv(path: Path, value_columns: list[str], *, high: float,
                     allowed: str) -> np.ndarray:
    """Read a long CSV ``age,sex,<value columns>``: one row for each sex (female, male) and age
    0..100, in any order, ``#`` comment lines and blank lines skipped. Every value a finite number
    from 0 to `high`. Returns float64 array (sex, age, value column)."""
    out = np.full((len(SEXES), len(AGES), len(value_columns)), np.nan)
    seen: dict[tuple[str, int], int] = {}
    for lineno, cells in csv_rows(path, ["age", "sex", *value_columns]):
        age_text, sex = cells[0], cells[1]
        if sex not in SEXES:
            raise InputError(path, f"line {lineno}, sex", sex, one_of(SEXES), "unknown sex")
        if not age_text.isdigit() or int(age_text) > AGES[-1]:
            raise InputError(path, f"line {lineno}, age", Verbatim(age_text),
                             "a whole number from 0 to 100 (100 means 100 and over)",
                             "unexpected age")
        age = int(age_text)
        if (sex, age) in seen:
            raise InputError(path, f"line {lineno}, age", age,
                             f"one row per sex and age ({sex} age {age} is already on line "
                             f"{seen[(sex, age)]})", "duplicate row")
        seen[(sex, age)] = lineno
        for j, (name, cell) in enumerate(zip(value_columns, cells[2:])):
            out[SEXES.index(sex), age, j] = _csv_number(
                path, f"line {lineno}, {name} ({sex}, age {age})", cell, high, allowed)
    missing = [(sex, int(a)) for sex in SEXES for a in AGES if (sex, int(a)) not in seen]
    if missing:
        sex, a = missing[0]
        raise InputError(path, f"rows ({sex}, age {a})", MISSING,
                         f"{len(SEXES) * len(AGES)} rows, one for each sex (female, male) and age "
                         f"0 to 100 (100 means 100 and over)", "missing row")
    return out


def sex_age_array(table: np.ndarray, name: str, units: str, path: Path) -> xr.DataArray:
    """A wide (age, sex) table of `read_age_csv` as DataArray (sex, age), source file in attrs."""
    return xr.DataArray(table.T.copy(), dims=("sex", "age"), coords={"sex": SEXES, "age": AGES},
                        name=name, attrs={"units": units, "source_file": str(path)})


def check_sums_to_one(values: np.ndarray, path: Path, key: str) -> None:
    """`InputError` unless the shares `values` of `path` (column `key`) sum to 1."""
    total = float(values.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        # 12 significant digits: enough to show a miss of 1e-9, without float noise.
        raise InputError(path, key, float(f"{total:.12g}"),
                         f"shares summing to 1 (within {SUM_TOLERANCE:g})",
                         "shares do not sum to 1")


def check_census_total(summed: float, total: float, path: Path, *, census: str) -> None:
    """`InputError` unless the population CSV `path`, summing to `summed` persons, matches the
    census `total`; `census` says where that total is written ("the census total in ...")."""
    if abs(summed - total) > TOTAL_TOLERANCE:
        raise InputError(path, "female+male (all ages)", summed,
                         f"{census}, {show_value(total)} (within {TOTAL_TOLERANCE:g} persons)",
                         "population does not sum to the census total")
