"""Inputs: what an analyst or a statistics bureau gives us, validated once, before any model work.

    keys.py            scenario keys -> model variables, units, ranges, kind (assumption or lever)
    timeseries.py      values over time: constant, step, ramp, table
    scenario.py        scenario files (`extends`, strict checks against the keys and the region)
    profile_schema.py  the schema of calibration/<region>/profile.yaml and its health units
    profile.py         Region (the 2020 baseline with provenance) built from a checked profile
    fitted.py          the accepted calibration fit (fit.yaml) laid over a region's defaults
    region.py          list_regions, load_region: read, check, build, overlay the fit
    national.py        the national age tables shared by every region (mortality, fertility, ...)
    tables.py          CSV readers for age tables
    folders.py         finding a region's folder and files, with one-line errors
    history.py         observed series (history.csv), what is missing, the 2010 population
    backcast.py        the inputs of the 2010-2020 backcast (backcast_2010.yaml)
"""
