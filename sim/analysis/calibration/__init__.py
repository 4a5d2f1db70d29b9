"""Calibration of the population sector to a region's history (`python -m sim calibrate`).

    windows.py    the backcast and forward windows: parameters, observations, their weights
    runner.py     a window's model run for many parameter sets; one window fitted and judged
    record.py     the fit record (fit.yaml), the estimates scenarios adopt, its text form
    fit.py        fit_region: both windows of a region and the record (writes nothing)
    estimate.py   weighted least squares and identifiability, model-agnostic
    fitstats.py   MAPE, RMSE and Theil's inequality statistics of a fit

The command itself (fit.yaml and fit charts written) is sim.reports.calibration_report.
"""
