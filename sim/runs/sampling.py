"""Sampling constants of the Monte Carlo and sensitivity runs, in a module that imports
nothing, so the command line can show them without loading the model's stack (~0.5 s).
"""

#: Samples the batch engine integrates together (one NumPy array each). Results are the same
#: bits whatever the chunking only if every sample is always integrated in the same block:
#: matrix products (einsum -> BLAS) may round differently for other array shapes. So blocks
#: are fixed slices of the sample index (0..BLOCK-1, BLOCK..2*BLOCK-1, …) and chunks, the unit
#: of work sent to a thread or a Dask worker, are whole numbers of blocks.
BLOCK = 250
#: Samples per chunk (a task of sim.runs.scaleout).
DEFAULT_CHUNK = 500
#: Draws of `python -m sim uncertainty` by default.
DEFAULT_SAMPLES = 1000
#: Default seed (recorded in every run's provenance); any whole number gives another sample.
DEFAULT_SEED = 20260101
