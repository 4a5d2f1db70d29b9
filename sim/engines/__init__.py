"""Engines: running the Vensim model (sim/model/health_system.mdl).

    pysd_runner.py  PySD, the reference engine (translation cached per model hash)
    batch/          the NumPy batch engine built from PySD's parse of the same file: many
                    parameter sets in one pass, tested against PySD on every library scenario

Engines know nothing about health: that lives in the .mdl and the region data.
"""
