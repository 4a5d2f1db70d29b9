"""Writing the generated calibration files: CSV and YAML with leading '#' comment lines, byte-stable.

Both builds (calibration.build.profiles, calibration.build.backcast) write through these, so the same
inputs give byte-identical files: floats with round-trip precision, '\\n' line ends, keys in insertion order.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from calibration.build.quantities import Series


def write_csv(path: Path, comments: list[str], frame: pd.DataFrame) -> None:
    """CSV with leading '#' comment lines; floats written with round-trip precision."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in comments:
            fh.write(f"# {line}\n")
        frame.to_csv(fh, index=False, float_format="%.17g", lineterminator="\n")


class _Dumper(yaml.SafeDumper):
    """The safe dumper, writing a `Series` (a <series> value such as {ramp: {...}}) in flow style."""


_Dumper.add_representer(Series, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def plain(obj):
    """Convert numpy scalars to Python numbers (recursively) so YAML gets plain ints and floats."""
    if isinstance(obj, dict):
        return type(obj)({k: plain(v) for k, v in obj.items()})
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    return obj


def write_yaml(path: Path, header: list[str], data: dict) -> None:
    """YAML with leading '#' comment lines; keys in insertion order, series in flow style."""
    text = yaml.dump(plain(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120,
                     default_flow_style=False)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        fh.write(text)
