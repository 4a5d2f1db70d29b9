"""The schema of a region profile, ``calibration/<region>/profile.yaml``, as written: structure and
types (pydantic), and the units and bounds of its ``health_2020:`` figures.

Every number an analyst may question is a *quantity*: ``value`` + ``unit`` + provenance, where
provenance is ``source:`` (optional ``method:``) and/or ``assumption: true`` with ``low:``,
``high:`` and ``note:`` (and ``distribution:``, uniform or triangular, for uncertainty analysis:
sim.runs.assumption_space). A lever's default also says its ``basis:``, observed or assumption:
the baseline is policy continued at its observed pace. Rules spanning several fields
(provenance, units, ranges, figures that bound each other) are checked by `sim.inputs.profile`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, create_model

from sim.core.schema import StrictModel
from sim.inputs.keys import BASE_YEAR

__all__ = ["Quantity", "NumberQuantity", "Files", "Census", "Health2020", "Profile",
           "HEALTH_2020_UNITS", "HEALTH_2020_MAX", "HEALTH_2020_NOT_ABOVE", "NotAbove"]


class Quantity(StrictModel):
    """A value with its unit and provenance; `value` may be a series (checked by the caller)."""

    value: Any = Field(description="a number or a series")
    unit: str = Field(description="the unit, as text")
    basis: Literal["observed", "assumption"] | None = Field(
        None, description="observed (the value continues a level or pace computed from published "
                          "observations: source names them, method the computation) or assumption "
                          "(a judgement: assumption: true with its range); every lever default has "
                          "one, nothing else does (no lever default is derived from a plan's aim)")
    source: str | None = Field(None, description="text: publication and table, seed file:line, "
                                                 "or research note and section")
    method: str | None = Field(None, description="text: how the value was derived from sources")
    assumption: bool | None = Field(None, description="true (the value is an assumption)")
    low: float | None = Field(None, description="a number: low end of the plausible range")
    high: float | None = Field(None, description="a number: high end of the plausible range")
    note: str | None = Field(None, description="text: why this value")
    distribution: Literal["uniform", "triangular"] | None = Field(
        None, description="uniform or triangular (mode = the value): how the value is drawn "
                          "within low..high in uncertainty analysis; only with assumption: true")


class NumberQuantity(Quantity):
    value: float = Field(description="a number")


class Files(StrictModel):
    population: str = Field(description="a CSV file name in the region folder (age,female,male)")
    migration_profile: str = Field(description="a CSV file name in the region folder "
                                               "(age,female,male)")


_PERSONS = "{value: <persons>, unit: person, source: ...}"
_PERCENT = "{value: <percent>, unit: percent, source: ...}"


class Census(StrictModel):
    total: NumberQuantity = Field(description=_PERSONS)
    male: NumberQuantity | None = Field(None, description=_PERSONS)
    share_0_14: NumberQuantity | None = Field(None, description=_PERCENT)
    share_15_59: NumberQuantity | None = Field(None, description=_PERCENT)
    share_60_plus: NumberQuantity | None = Field(None, description=_PERCENT)
    share_65_plus: NumberQuantity | None = Field(None, description=_PERCENT)


#: Unit of every ``health_2020:`` quantity, in the profile's order: the 2020 health-sector stocks
#: (beds by type, nursing-home beds, other institutions' beds, doctors, GPs, nurses, infant-care
#: places, growth stations) and shares
#: (chronic-disease cascade, contracting, elderly health management, hospital occupancy).
#: The one table of these units.
HEALTH_2020_UNITS: dict[str, str] = {
    "beds_hospital_general": "bed", "beds_hospital_tcm": "bed",
    "beds_hospital_rehabilitation": "bed", "beds_primary_general": "bed",
    "beds_primary_nursing": "bed", "beds_nursing_home": "bed", "beds_other": "bed",
    "doctors": "person", "gps": "person", "nurses": "person",
    "hypertension_aware_share": "1", "hypertension_managed_share": "1",
    "hypertension_standardized_of_managed": "1",
    "diabetes_aware_share": "1", "diabetes_managed_share": "1",
    "diabetes_standardized_of_managed": "1",
    "contracted_share": "1", "key_group_contracted_share": "1", "elderly_managed_share": "1",
    "infant_care_places": "place", "growth_stations": "station", "occupancy_hospital": "1",
}
#: Upper bound of the quantities that are not counts (shares 1; occupancy may exceed 1 a little).
HEALTH_2020_MAX: dict[str, float] = {
    **{k: 1.0 for k, u in HEALTH_2020_UNITS.items() if u == "1"}, "occupancy_hospital": 1.5}


class NotAbove(NamedTuple):
    """A ``health_2020:`` figure may not exceed figure `limit` (named `limit_text`), because
    `reason`; `problem` is the error's statement when it does."""

    limit: str
    limit_text: str
    reason: str
    problem: str


#: Rules between ``health_2020:`` figures, checked in this order: key -> the figure it may not
#: exceed.
HEALTH_2020_NOT_ABOVE: dict[str, NotAbove] = {
    "hypertension_managed_share": NotAbove("hypertension_aware_share", "the aware share",
                                           "managed patients are aware ones",
                                           "more patients managed than aware"),
    "diabetes_managed_share": NotAbove("diabetes_aware_share", "the aware share",
                                       "managed patients are aware ones",
                                       "more patients managed than aware"),
    "gps": NotAbove("doctors", "the doctors", "GPs are doctors", "more GPs than doctors"),
}


def _health_field(name: str) -> Any:
    unit = HEALTH_2020_UNITS[name]
    if name in HEALTH_2020_MAX:
        what = f"{{value: <0 to {HEALTH_2020_MAX[name]:g}>, unit: \"1\", source: ...}}"
    else:
        what = f"{{value: <number of {unit}s>, unit: {unit}, source: ...}}"
    return Field(description=what)


if TYPE_CHECKING:
    # A model built at run time has no static type: mypy sees its base (sim.inputs.profile reads
    # the figures by name), and pydantic's create_model overloads reject a ** of field tuples.
    Health2020 = StrictModel
else:
    Health2020 = create_model(
        "Health2020", __base__=StrictModel,
        **{name: (NumberQuantity, _health_field(name)) for name in HEALTH_2020_UNITS})


class Profile(StrictModel):
    """profile.yaml as written."""

    region: str = Field(description="the region folder name")
    name_en: str = Field(description="the English name, as text")
    name_zh: str = Field(description="the Chinese name, as text")
    base_year: int = Field(ge=BASE_YEAR, le=BASE_YEAR, description=f"{BASE_YEAR} (the census year)")
    files: Files = Field(description="{population: <csv>, migration_profile: <csv>}")
    census_2020: Census = Field(description="{total: " + _PERSONS + ", ...}")
    hukou_population_2020: NumberQuantity = Field(description=_PERSONS)
    health_2020: Health2020 = Field(description="2020 health stocks and shares: "
                                                "{beds_hospital_general: {value: ..., unit: bed, "
                                                "source: ...}, ...}")
    defaults: dict[str, Quantity] = Field(description="a mapping of scenario keys to quantities")
