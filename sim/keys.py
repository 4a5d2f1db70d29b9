"""The one table mapping analyst keys to model variables.

Scenario files and region profiles name inputs by short dotted *keys* (``population.tfr``); the
model (Vensim/PySD) names them by variable (``total fertility rate``). `KEYS` is the only place
where the two meet, together with each key's unit and the range of values the model accepts. Later
sectors add rows here (levers too); nothing else should hard-code a key.

Also the model-wide horizon limits, which scenario files and region profiles both check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["KeySpec", "KEYS", "BASE_YEAR", "MAX_END_YEAR", "keys_of_kind", "range_text"]

#: The base year: the census 2020 population (counted on 1 Nov 2020) is the initial state.
BASE_YEAR = 2020
#: Latest end year of a scenario horizon.
MAX_END_YEAR = 2050


@dataclass(frozen=True)
class KeySpec:
    """One analyst key.

    kind:
        ``assumption`` (a fact about the world the plan cannot change, e.g. fertility) or
        ``lever`` (something the plan decides, e.g. beds built). Scenario files list them under
        ``assumptions:`` and ``levers:`` respectively.
    model_variable:
        The exact model variable name the runner sets.
    unit:
        Unit of every value of the key's series.
    low, high:
        Inclusive range of values the model accepts; scenario and profile values outside are
        errors (not clipped), so a typo like 15 for 1.5 cannot slip through.
    """

    key: str
    kind: Literal["assumption", "lever"]
    model_variable: str
    unit: str
    low: float
    high: float
    label_en: str
    label_zh: str
    description: str


def _table(*specs: KeySpec) -> dict[str, KeySpec]:
    return {spec.key: spec for spec in specs}


KEYS: dict[str, KeySpec] = _table(
    KeySpec(
        key="population.tfr",
        kind="assumption",
        model_variable="total fertility rate",
        unit="children per woman",
        low=0.0, high=5.0,
        label_en="Total fertility rate",
        label_zh="总和生育率",
        description="Period total fertility rate: children a woman would have at current age-specific "
                    "rates. The age pattern is the census 2020 pattern (calibration/common).",
    ),
    KeySpec(
        key="population.life_expectancy",
        kind="assumption",
        model_variable="life expectancy target",
        unit="year",
        low=40.0, high=100.0,
        label_en="Life expectancy at birth",
        label_zh="出生时预期寿命",
        description="Period life expectancy at birth, both sexes (years). The runner converts it to a "
                    "level of the census 2020 standard mortality schedule.",
    ),
    KeySpec(
        key="population.net_migration",
        kind="assumption",
        model_variable="net migrants total",
        unit="person/year",
        low=-5_000_000.0, high=5_000_000.0,
        label_en="Net migration",
        label_zh="净迁移人口",
        description="Net migrants into the region per model year (in minus out, persons/year), "
                    "spread by age and sex with the region's migration profile.",
    ),
    KeySpec(
        key="population.sex_ratio_at_birth",
        kind="assumption",
        model_variable="sex ratio at birth",
        unit="boys per 100 girls",
        low=90.0, high=130.0,
        label_en="Sex ratio at birth",
        label_zh="出生人口性别比",
        description="Boys born per 100 girls born.",
    ),
    KeySpec(
        key="population.hukou_net_transfers",
        kind="assumption",
        model_variable="hukou net transfers",
        unit="person/year",
        low=-5_000_000.0, high=5_000_000.0,
        label_en="Net hukou transfers",
        label_zh="户籍净迁入",
        description="Net transfers of household registration (hukou) into the region per model year "
                    "(persons/year); moves residents between the hukou and non-hukou populations.",
    ),
)


def keys_of_kind(kind: str) -> list[str]:
    """Keys of the given kind (``assumption`` or ``lever``), in table order."""
    return [k for k, spec in KEYS.items() if spec.kind == kind]


def _number(x: float) -> str:
    # Thousands separators only where they help: "5,000,000" but "0" and "1.5".
    if float(x).is_integer():
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    return repr(float(x))


def range_text(spec: KeySpec) -> str:
    """Allowed-values text of a key, e.g. ``a number from 0 to 5 (children per woman)``."""
    return f"a number from {_number(spec.low)} to {_number(spec.high)} ({spec.unit})"
