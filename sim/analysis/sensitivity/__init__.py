"""Global sensitivity: which uncertain assumptions decide which plan targets.

`methods`: Sobol and Morris indices of any vectorised function (SALib), checked on functions
with known indices; `indices`: those indices for a scenario's targets over its assumption space.
The results folder is written by sim.reports.sensitivity_report.
"""
