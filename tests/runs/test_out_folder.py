"""A results folder (--out) that cannot be written: one line naming it and what to do, exit
status 2, nothing left behind (sim.runs.results.check_out and run_folder).

Tests run as root, where permission bits do not stop writes: the cases here fail for root too
(a file in the way, a path under /proc), and read-only, permission denied and a full disk are
simulated by making the low-level call raise the OSError the kernel would."""

import errno
import os
import tempfile
from pathlib import Path

import pytest

from sim.interfaces import cli
from sim.runs import results
from sim.runs.results import OutFolderError, check_out, run_folder

SCENARIO = "scenarios/hangzhou/baseline.yaml"
#: Every verb that writes a results folder, with its arguments before --out.
VERBS = {
    "run": ["run", SCENARIO],
    "targets": ["targets", SCENARIO],
    "uncertainty": ["uncertainty", SCENARIO],
    "sensitivity": ["sensitivity", SCENARIO],
    "compare": ["compare", SCENARIO, "scenarios/hangzhou/baseline.yaml"],
    "anchors": ["anchors", "hangzhou"],
}


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.fixture
def a_file(tmp_path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("verb", VERBS)
def test_a_file_as_out_is_refused_by_every_writing_verb(verb, a_file, tmp_path, capsys):
    assert cli.main([*VERBS[verb], "--out", str(a_file), "--quiet"]) == 2
    line = one_error_line(capsys)
    assert line.startswith(f"error: --out {a_file}: ") and "not a folder" in line
    assert "choose another --out" in line
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_folder_below_a_file_is_refused(a_file, capsys):
    out = a_file / "results"
    assert cli.main(["run", SCENARIO, "--out", str(out), "--quiet"]) == 2
    line = one_error_line(capsys)
    assert f"--out {out}: " in line and f"{a_file} is a file, not a folder" in line


@pytest.mark.parametrize("out", ["/proc/self/results", "/proc"])
def test_a_path_under_proc_is_refused(out, capsys):
    assert cli.main(["run", SCENARIO, "--out", out, "--quiet"]) == 2
    line = one_error_line(capsys)
    assert f"--out {out}: " in line and "/proc is a system folder" in line
    assert not Path("/proc/self/results").exists()


@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "on a read-only file system"),
    (errno.EACCES, "permission denied"),
    (errno.EPERM, "permission denied"),
    (errno.ENOSPC, "no space left on the device"),
])
def test_an_unwritable_out_is_found_before_any_work(code, words, tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    out = tmp_path / "new" / "results"
    assert cli.main(["run", SCENARIO, "--out", str(out), "--quiet"]) == 2
    line = one_error_line(capsys)
    assert line == (f"error: --out {out}: cannot write results: {words}; choose another "
                    "--out: a folder you can write to, with free space (nothing was written)")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "no space left"),
                                         (errno.EACCES, "permission denied")])
def test_a_failed_rename_leaves_nothing_behind(code, words, tmp_path, monkeypatch):
    def refuse(source, target):
        raise OSError(code, os.strerror(code), str(source), None, str(target))

    monkeypatch.setattr(results.os, "rename", refuse)
    with pytest.raises(OutFolderError, match=words) as caught:
        with run_folder(tmp_path / "out", "hangzhou", "baseline", "run-1") as (work, _):
            (work / "summary.csv").write_text("year\n2020\n", encoding="utf-8")
    assert "\n" not in str(caught.value) and f"--out {tmp_path / 'out'}: " in str(caught.value)
    assert not list(tmp_path.iterdir())   # neither the partial folder nor the folders made for it


def test_a_full_disk_while_writing_leaves_nothing_behind(tmp_path):
    with pytest.raises(OutFolderError, match="no space left on the device"):
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1") as (work, _):
            (work / "summary.csv").write_text("year\n", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert not list(tmp_path.iterdir())


def test_netcdf_on_a_full_disk_is_told_from_other_errors(tmp_path, monkeypatch):
    """netCDF4 reports a full disk as "RuntimeError: NetCDF: HDF error": the disk is probed."""
    with pytest.raises(RuntimeError, match="HDF error"):  # the disk is fine: the error stands
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1"):
            raise RuntimeError("NetCDF: HDF error")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(results.os, "fsync", full)
    with pytest.raises(OutFolderError, match="no space left on the device"):
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1"):
            raise RuntimeError("NetCDF: HDF error")
    assert not list(tmp_path.iterdir())


def test_permission_denied_on_a_full_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    """netCDF4 creating results.nc on a disk with 0 bytes free fails with errno 13 (seen on a
    full tmpfs): the disk is probed before the error is called a permission problem."""
    def denied():
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.nc"))

    with pytest.raises(OutFolderError, match="permission denied"):   # the disk is fine
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1") as (work, _):
            denied()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(results.os, "fsync", full)
    with pytest.raises(OutFolderError, match="no space left on the device"):
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1") as (work, _):
            denied()
    assert not list(tmp_path.iterdir())


def test_out_below_a_folder_one_may_not_enter_is_one_line(tmp_path, monkeypatch):
    """`--out /root/x` as another user: asking whether the path exists raises PermissionError
    (faked here: the tests may run as root, whom no permission stops)."""
    locked = tmp_path / "locked"
    real_exists = Path.exists

    def exists(self, *args, **kwargs):
        if self.is_relative_to(locked) and self != locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(Path, "exists", exists)
    with pytest.raises(OutFolderError, match="permission denied"):
        check_out(locked / "sub")


def test_other_errors_pass_unchanged_and_a_good_out_is_written(tmp_path):
    with pytest.raises(OSError) as caught:
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1"):
            raise FileNotFoundError(errno.ENOENT, "an input went missing")
    assert not isinstance(caught.value, OutFolderError)
    assert check_out(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert not (tmp_path / "a").exists()   # the check creates nothing
    with run_folder(tmp_path / "a", "hangzhou", "baseline", "run-1") as (work, final):
        (work / "summary.csv").write_text("year\n", encoding="utf-8")
    assert final["path"] == tmp_path / "a" / "hangzhou" / "baseline" / "run-1"
    assert [p.name for p in final["path"].iterdir()] == ["summary.csv"]


def test_a_permission_problem_below_out_is_one_line_one_elsewhere_stands(tmp_path):
    with pytest.raises(OutFolderError, match="permission denied"):
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1") as (work, _):
            raise PermissionError(errno.EACCES, "Permission denied", str(work / "a.png"))
    with pytest.raises(PermissionError):
        with run_folder(tmp_path, "hangzhou", "baseline", "run-1"):
            raise PermissionError(errno.EACCES, "Permission denied", "/etc/an-input.yaml")
    assert not list(tmp_path.iterdir())


def test_csv_for_people_is_written_with_a_byte_order_mark(tmp_path):
    import csv

    import pandas as pd

    table = pd.DataFrame({"id": ["gps_per_10000"], "结论": ["未达成"]})
    results.write_csv(table, tmp_path / "t.csv", index=False)
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "未达成".encode() in raw
    assert list(pd.read_csv(tmp_path / "t.csv").columns) == ["id", "结论"]
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as stream:
        assert next(csv.reader(stream)) == ["id", "结论"]
