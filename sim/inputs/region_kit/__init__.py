"""A region from fill-in tables: the tables a planner fills (``calibration/<region>/tables/``),
their one-line checks, and the region profile derived from them (`derive_region`).

The tables are CSV, UTF-8 with a byte-order mark (Excel on Chinese Windows then opens them as
UTF-8), each header cell Chinese then English (``数值 value``; only the last word, the English
id, is read, so a planner may also write ``value`` alone). CSV rather than YAML because
planners fill tables in Excel, one figure a row, and a problem can be named by file, row and
column. The tables:

- ``region.csv``: the region's names, level (city, district, province), parent province and the
  boundary its figures describe;
- ``figures_2020.csv``: every 2020 figure the model needs, one a row, with its unit, where such
  figures are usually published, a ``source`` and, for an empty value, the method used instead;
- ``history.csv``: observed series for calibration (vocabulary: calibration/HISTORY.md);
- ``targets.csv``: the plan's quantified targets with the plan line or document;
- ``not_modelled.csv`` (optional): the plan's other quantified targets, which the model cannot
  judge, each with the reason (written to targets.yaml's ``not_modelled:``).
- ``inputs.csv`` (optional): other model inputs the region sets itself, one profile entry a row
  (``census_2020.total``, ``hukou_population_2020``, ``health_2020.doctors``,
  ``defaults.<scenario key>``) with value, unit, range, distribution, source, method and note;
  a row replaces what the kit would derive or take from the parent (an empty value keeps the
  derived value and sets the rest). A value the region computed itself (a 2020 count backed out
  of a later count, a hukou total interpolated between two years) is written here with its
  source and its method in words.
- ``migration_profile.csv`` (optional): the region's own net-migration age-sex profile (shares
  of a year's net migrants; '#' lines: its source and method), else the parent's.
- ``figures_2010.csv`` and ``backcast.csv`` (optional, both or neither): the 6th-census (2010)
  figures and the starting values and bounds of the 2010-2020 backcast inputs; from them the
  build derives ``population_2010.csv`` and ``backcast_2010.yaml`` (`backcast`). Without them
  the region has no backcast.

A table that is absent keeps the region folder's own file: without ``history.csv`` a
``calibration/<region>/history.csv`` in the loader's format (calibration/HISTORY.md) is the
history, without ``targets.csv`` its ``targets.yaml`` stays. Broad age counts
(``count_0_14`` ... in figures_2020.csv), when a bulletin publishes them, are what the population
is raked to.

An empty figure is filled the way the profile builds (calibration/build/) fill a city's missing
figures: the parent's census age shape raked to the region's broad shares, the parent's ratio
per 1,000 residents times the region's residents, the parent's shares and paces. The parent's
figures are its own region profile when the province has one (``calibration/<folder>/``, e.g.
zhejiang), else the nation's (``calibration/china/``).

Modules, in the order of the pipeline: `figures` (the tables' file names and columns, the
catalog of figures), `tables` (reading and checking them: `read_kit`), `derive` (the region
from them: `derive_region`; `backcast`, the 2010 start of the backcast), `blank` (the tables
`region init` writes: `initial_tables`).
"""

from __future__ import annotations

from sim.inputs.region_kit.blank import initial_tables
from sim.inputs.region_kit.derive import Covered, Derived, derive_region
from sim.inputs.region_kit.figures import (
    BACKCAST_TABLE,
    BY_KEY,
    FIGURES,
    FIGURES_2010_TABLE,
    FIGURES_TABLE,
    HISTORY_TABLE,
    INPUTS_TABLE,
    KIT_FOLDER,
    LEVELS,
    MIGRATION_TABLE,
    NATIONAL_TEMPLATE,
    NOT_MODELLED_TABLE,
    REGION_TABLE,
    TARGETS_TABLE,
    Figure,
)
from sim.inputs.region_kit.tables import Kit, kit_tables, read_kit, resolve_parent

__all__ = ["KIT_FOLDER", "REGION_TABLE", "FIGURES_TABLE", "HISTORY_TABLE", "TARGETS_TABLE",
           "FIGURES_2010_TABLE", "BACKCAST_TABLE",
           "NOT_MODELLED_TABLE", "INPUTS_TABLE", "MIGRATION_TABLE", "LEVELS", "FIGURES", "BY_KEY",
           "Figure", "Kit", "Derived", "Covered", "read_kit", "derive_region", "initial_tables",
           "kit_tables", "resolve_parent", "NATIONAL_TEMPLATE"]
