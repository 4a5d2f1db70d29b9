"""Results: a self-describing Dataset and a run folder written all at once.

A run folder `results/<region>/<scenario>/<run-id>/` is first written under a hidden
temporary name beside it and renamed when complete, so an interrupted run leaves no
half-written folder, and an existing folder is never overwritten. The name is claimed by the
rename itself (retried with the next suffix if another run took it meanwhile), so concurrent
saves never collide. A temporary folder that a killed run (kill -9, power cut) left behind is
removed by the next run into the same folder once it is older than `STALE_AFTER` seconds, with a
one-line notice.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
import yaml

from sim.core import interrupt
from sim.core.errors import SimError
from sim.core.paths import PROJECT_ROOT
from sim.model.outputs import BY_NAME, HEALTH_OUTPUTS, SHARE_GROUPS

PACKAGES = ("health-sim", "pysd", "numpy", "scipy", "pandas", "xarray", "netCDF4",
            "matplotlib", "pydantic", "PyYAML")


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit() -> str:
    """The project's git commit, marked '+dirty' when the work tree has changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, text=True,
                                capture_output=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_ROOT, text=True, capture_output=True,
                               timeout=5).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


def describe(ds: xr.Dataset, attrs: dict) -> xr.Dataset:
    """Units, English long name and Chinese label on every variable; provenance on the set."""
    for name in ds.data_vars:
        out = BY_NAME[str(name)]  # our variable names are str; xarray types them Hashable
        ds[name].attrs.update(units=out.units, long_name=out.long_name, label_zh=out.label_zh)
        if out.description:
            ds[name].attrs["description"] = out.description
    ds["time"].attrs.update(units="year", long_name="Calendar year (1 Nov, census reference day)",
                            label_zh="年份")
    if "age" in ds.coords:
        ds["age"].attrs.update(units="year", long_name="Completed years of age (100 = 100+)",
                               label_zh="年龄")
    if "sex" in ds.coords:
        ds["sex"].attrs.update(long_name="Sex", label_zh="性别")
    ds.attrs.update({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                     for k, v in attrs.items()})
    return ds


def data_sha256(region_folder: Path) -> str:
    """One hash of a region's profile and data files and the common age patterns."""
    digest = hashlib.sha256()
    folders = (Path(region_folder), Path(region_folder).parent / "common")
    for path in sorted(p for folder in folders for p in folder.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def provenance(scenario, resolved: dict, region, model_hash: str, engine: str) -> dict:
    """Everything needed to tell later what produced a run, as Dataset attributes."""
    return {
        "title": f"health-sim run: {scenario.region} / {scenario.name}",
        "region": scenario.region,
        "scenario": scenario.name,
        "scenario_file": str(scenario.path),
        "scenario_sha256": scenario.sha256,
        "scenario_resolved": yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False),
        "region_data_sha256": data_sha256(region.path),
        "model_file": "sim/model/health_system.mdl",
        "model_sha256": model_hash,
        "engine": engine,
        "package_versions": package_versions(),
        "git_commit": git_commit(),
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


SUMMARY_COLUMNS = ("total_population", "population_0_2", "population_0_14",
                   "population_15_59", "population_15_64", "population_60_plus",
                   "population_65_plus", "population_80_plus", "total_births", "total_deaths",
                   "total_net_migration", "crude_birth_rate", "crude_death_rate",
                   "old_age_dependency_ratio", "implied_life_expectancy", "hukou_population")
def summary_table(ds: xr.Dataset) -> pd.DataFrame:
    """One row a year: totals, broad groups and their shares (%), vital rates, e0, hukou."""
    columns = SUMMARY_COLUMNS
    table = pd.DataFrame({c: ds[c].values for c in columns}, index=ds["time"].values)
    table.index.name = "year"
    table.insert(1, "male", ds["population_by_sex"].sel(sex="male").values)
    table.insert(2, "female", ds["population_by_sex"].sel(sex="female").values)
    for share, group in SHARE_GROUPS:
        table[share] = 100.0 * table[group] / table["total_population"]
    return table


def indicator_table(ds: xr.Dataset) -> pd.DataFrame:
    """One row a year: every health output (sim.model.outputs.HEALTH_OUTPUTS), per condition or bed
    type where it has one.

    Columns are Dataset variable names, with the element appended for outputs with a subscript
    (`_hypertension`, `_hospital_general`, …).
    """
    columns = {}
    for name in (o.name for o in HEALTH_OUTPUTS):
        variable = ds[name]
        extra = [d for d in variable.dims if d != "time"]
        if not extra:
            columns[name] = variable.values
        else:  # one subscript (condition, bed type): a column per element
            (dim,) = extra
            for element in variable[dim].values:
                label = str(element).replace(" ", "_").lower()
                columns[f"{name}_{label}"] = variable.sel({dim: element}).values
    table = pd.DataFrame(columns, index=ds["time"].values)
    table.index.name = "year"
    return table


def new_run_id(scenario_sha256: str) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{scenario_sha256[:8]}"


#: What an OSError's errno means for a results folder, in one phrase.
_OUT_PROBLEMS = {
    errno.ENOTDIR: "not a folder (a file is in the way)",
    errno.EEXIST: "not a folder (a file is in the way)",
    errno.EROFS: "on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENOENT: "cannot be created there",
}
_OUT_ADVICE = ("choose another --out: a folder you can write to, with free space "
               "(nothing was written)")
#: Kernel pseudo file systems: never a place for results (/dev is not: /dev/shm is a disk).
_SYSTEM_FOLDERS = ("proc", "sys")


class OutFolderError(SimError):
    """The results folder (--out) cannot be written; the message is one line naming it."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path, self.problem = Path(path), problem
        super().__init__(f"--out {self.path}: cannot write results: {problem}; {_OUT_ADVICE}")

    def __reduce__(self):  # picklable despite the 2-arg init
        return (type(self), (self.path, self.problem))


def out_error(path: Path, error: OSError) -> OutFolderError | None:
    """The one-line error for an OSError met writing under `path`, or None if it is not one
    of the file-system problems of `_OUT_PROBLEMS` (then the original error stands)."""
    problem = _OUT_PROBLEMS.get(error.errno or 0)
    return OutFolderError(path, problem) if problem else None


def check_out(results_dir: str | os.PathLike[str]) -> Path:
    """Check, before any work, that `results_dir` is a writable folder or can be created; the
    path. Raises `OutFolderError`. Creates nothing: it probes the nearest existing folder with a
    temporary folder removed at once."""
    path = Path(results_dir)
    absolute = Path(os.path.abspath(path))
    if absolute.parts[1:2] and absolute.parts[1] in _SYSTEM_FOLDERS:
        raise OutFolderError(path, f"/{absolute.parts[1]} is a system folder, not for results")
    existing = absolute
    try:   # below a folder one may not enter, asking whether a path exists is refused
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
    except OSError as error:
        raise (out_error(path, error) or error) from None
    if not existing.is_dir():
        raise OutFolderError(path, _OUT_PROBLEMS[errno.ENOTDIR] if existing == absolute
                             else f"{existing} is a file, not a folder")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".write-check-", dir=existing))
    except OSError as error:
        raise (out_error(path, error) or error) from None
    return path


#: Prefix of the temporary folder of a run being written.
PARTIAL = ".partial-"
#: Age (seconds) after which a temporary folder is taken as left by a killed run: a run writes
#: its folder in seconds to a few minutes (10,000-sample uncertainty: ~1 min), so an hour
#: untouched is no live run (our convention).
STALE_AFTER = 3600


def remove_stale(parent: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary folders in `parent` older than `STALE_AFTER` (last modified); print
    one line naming them; the folders removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(PARTIAL)]
    except OSError:
        return []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                shutil.rmtree(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # another run removed it first, or it is not ours to remove
    if removed:
        print(f"removed {len(removed)} unfinished results folder"
              f"{'s' if len(removed) > 1 else ''} left by an interrupted run (older than "
              f"{STALE_AFTER // 3600} h): {', '.join(str(p) for p in removed)}",
              file=sys.stderr, flush=True)
    return removed


def _claim(work: Path, parent: Path, run_id: str) -> Path:
    """Rename `work` to parent/run_id, or run_id-2, -3 … if taken; the name it got.

    The rename is the claim: on Linux rename(2) of a folder onto an existing non-empty folder
    fails (ENOTEMPTY or EEXIST) and nothing is replaced, so two saves racing for one name both
    succeed under different names (tests/runs/test_interruption.py: 4 processes x 200 saves).
    """
    n = 1
    while True:
        target = parent / (run_id if n == 1 else f"{run_id}-{n}")
        if not os.path.lexists(target):  # a quick skip; the rename decides
            try:
                os.rename(work, target)
                return target
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
        n += 1


@contextmanager
def run_folder(results_dir: Path, region: str, scenario: str, run_id: str):
    """Yield a temporary folder; on success rename it to results/<region>/<scenario>/<run-id>.

    If that name exists (two runs in the same second), a suffix -2, -3 … is added: a run
    folder is never overwritten (`_claim`). Stale temporary folders there are removed first
    (`remove_stale`). On any error the temporary folder is removed. A destination
    that cannot be written (not a folder, read-only, permission denied, no space left, a system
    folder) is a one-line `OutFolderError` naming `results_dir`, also when met while writing.
    """
    check_out(results_dir)
    parent = Path(results_dir) / region / scenario
    created = [p for p in (parent, *parent.parents) if not p.exists()]  # removed on failure
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(parent)
        work = Path(tempfile.mkdtemp(prefix=f"{PARTIAL}{run_id}-", dir=parent))
    except OSError as error:
        _remove(None, created)
        raise (out_error(Path(results_dir), error) or error) from None
    final: dict[str, Path] = {}
    try:
        yield work, final
        interrupt.raise_if_received()   # a Ctrl-C swallowed by a finalizer still stops it
        final["path"] = _claim(work, parent, run_id)  # atomic within one file system
    except Exception as error:
        # netCDF4 reports a full disk as "RuntimeError: NetCDF: HDF error": probe the disk
        # (before removing what was written, which would free space) to tell
        if not isinstance(error, OSError):
            mapped = _disk_full(work, Path(results_dir))
        elif error.errno in (errno.EACCES, errno.EPERM):
            # netCDF4 reports a completely full disk as permission denied: in the folder this
            # run made, the disk is the likelier cause, so it is probed first
            mapped = _disk_full(work, Path(results_dir)) or _writing_error(Path(results_dir),
                                                                           error)
        else:
            mapped = _writing_error(Path(results_dir), error)
        _remove(work, created)
        if mapped is None:
            raise
        raise mapped from None
    except BaseException:
        _remove(work, created)
        raise


#: Errors that are about writing wherever they are met.
_ALWAYS_WRITING = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _writing_error(results_dir: Path, error: OSError) -> OutFolderError | None:
    """`out_error` for an OSError met while the results were written: a full disk or read-only
    file system anywhere, other problems only for a file below `results_dir` (an input that went
    missing meanwhile is not a problem of --out)."""
    if error.errno not in _ALWAYS_WRITING:
        name = os.path.abspath(os.fsdecode(error.filename)) if error.filename else ""
        if not Path(name).is_relative_to(os.path.abspath(results_dir)):
            return None
    return out_error(results_dir, error)


def _disk_full(work: Path, results_dir: Path) -> OutFolderError | None:
    """The error to report if the folder `work` cannot take 1 MiB more, else None."""
    probe = work / ".space-check"
    try:
        with open(probe, "wb") as stream:
            stream.write(bytes(1 << 20))
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        return out_error(results_dir, error)
    finally:
        probe.unlink(missing_ok=True)
    return None


def _remove(work: Path | None, created: list[Path]) -> None:
    """Remove the temporary folder and the (now empty) folders made for it."""
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
    for folder in created:  # innermost first
        try:
            folder.rmdir()
        except OSError:
            break   # not empty (another run wrote there meanwhile) or already gone


#: The provenance attributes that make two runs the same run: the scenario file and every
#: effective input (the resolved scenario), the region's data, the model file and the engine.
SAME_RUN_ATTRS = ("scenario_sha256", "scenario_resolved", "region_data_sha256", "model_sha256",
                  "engine")
DATASET_FILE = "results.nc"


def latest_same_run(results_dir: Path, region: str, scenario: str, attrs: dict
                    ) -> Path | None:
    """The newest run folder results/<region>/<scenario>/<run-id>/ whose Dataset has the
    `SAME_RUN_ATTRS` of `attrs` (a run of the unchanged scenario, region data, model and
    engine), or None. Folders are tried newest first (run ids start with their UTC time)."""
    parent = Path(results_dir) / region / scenario
    if not parent.is_dir():
        return None
    want = {k: attrs[k] for k in SAME_RUN_ATTRS}
    for folder in sorted((p for p in parent.iterdir() if p.is_dir() and p.name[:1].isdigit()),
                         key=lambda p: p.name, reverse=True):
        try:
            with xr.open_dataset(folder / DATASET_FILE) as ds:
                if all(ds.attrs.get(k) == v for k, v in want.items()):
                    return folder
        except (OSError, ValueError):
            continue  # no Dataset (an uncertainty or sensitivity folder) or an unreadable one
    return None


#: The encoding of every CSV written for people: UTF-8 with a byte-order mark, so that Excel on
#: Chinese Windows reads the Chinese text as UTF-8 (without it, it guesses GBK and garbles it).
#: pandas and csv.reader with encoding="utf-8-sig" read it back unchanged.
CSV_ENCODING = "utf-8-sig"


def write_csv(table: pd.DataFrame, path: Path, **options) -> None:
    """`table.to_csv(path, **options)` with `CSV_ENCODING`."""
    table.to_csv(path, encoding=CSV_ENCODING, **options)


def write_netcdf(ds: xr.Dataset, path: Path) -> None:
    """Write `ds` to `path`, compressed. Ctrl-C waits for the end of the write (an interrupt
    inside netCDF/HDF5 could deadlock; sim.core.interrupt.deferred) and then stops the run."""
    encoding = {name: {"zlib": True, "complevel": 4} for name in ds.data_vars
                if np.issubdtype(ds[name].dtype, np.floating)}
    with interrupt.deferred():
        ds.to_netcdf(path, engine="netcdf4", encoding=encoding)
