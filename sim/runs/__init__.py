"""Runs: one run of a scenario, many sampled runs, and their files.

    simulate.py          one loaded scenario -> model inputs -> an engine -> a described Dataset
    results.py           Datasets and run folders written atomically; summary tables; provenance
    assumption_space.py  what is uncertain in a scenario, its distributions, seeded draws
    sampled.py           drawn values -> per-sample model inputs -> batch runs in fixed blocks
    scaleout.py          chunks of samples in threads, on a local Dask cluster or a scheduler
    sampling.py          block, chunk, sample and seed defaults (imports nothing)
"""
