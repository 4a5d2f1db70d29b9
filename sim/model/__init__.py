"""The model layer: the Vensim model and what the project knows about it.

    health_system.mdl  the stock-and-flow model, one view per sector (read by both engines)
    sketch.py          lays out the .mdl's sketch views (a maintenance tool)
    outputs.py         what the results Dataset holds: variable, units, zh/en labels
    dimensions.py      model labels (a0..a100, `bed type`) <-> the project's (ages, bed_type)
    mortality.py       life tables: e0 <-> mortality level (Brass-style relational model)
    parameters.py      region profile + scenario series -> the model's constants and series
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

#: The model file both engines run.
MODEL_FILE = Path(__file__).with_name("health_system.mdl")


def model_sha256(path: Path = MODEL_FILE) -> str:
    """SHA-256 of the model file (recorded in every run's provenance; names caches)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_number(name: str, path: Path = MODEL_FILE) -> float:
    """The number a model constant is defined as in the .mdl (`name = 1`), for code that must
    use the model's own value (e.g. a pipeline's duration) rather than a copy of it. Raises
    ValueError when the model has no such literal constant."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(name)}\s*=\s*([-+0-9.eE]+)\s*$", text, re.MULTILINE)
    if found is None:
        raise ValueError(f"{path.name} defines no constant {name!r} as a number")
    return float(found.group(1))
