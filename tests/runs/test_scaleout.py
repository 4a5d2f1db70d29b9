"""Chunks here or on a Dask cluster give the same bits; bad schedulers give one line."""

from __future__ import annotations

import time

import numpy as np
import pytest

from sim.core.errors import SimError
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.runs import scaleout
from sim.runs.assumption_space import assumption_space, draw
from sim.runs.sampled import run_sampled
from tests.helpers import short_baseline

pytestmark = pytest.mark.slow  # starts a local Dask cluster

N, BLOCK = 24, 4


@pytest.fixture(scope="module")
def cluster():
    """One local cluster of 2 worker processes for the module, closed at the end."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local, Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    scenario = load_scenario(short_baseline(tmp_path_factory.mktemp("scenarios"), 2023))
    space = assumption_space(scenario, load_region("hangzhou"))
    return scenario, draw(space, N, seed=2026)


@pytest.fixture(scope="module")
def reference(drawn):
    scenario, values = drawn
    return run_sampled(scenario, values, chunk=N, block=BLOCK)


def _same(a, b):
    assert list(a.data_vars) == list(b.data_vars)
    for name in a.data_vars:
        assert np.array_equal(a[name].values, b[name].values, equal_nan=True), name


@pytest.mark.parametrize("chunk", [BLOCK, 3 * BLOCK, 5 * BLOCK])
def test_any_chunking_gives_the_same_bits(drawn, reference, chunk):
    scenario, values = drawn
    _same(run_sampled(scenario, values, chunk=chunk, block=BLOCK), reference)


def test_a_dask_cluster_gives_the_same_bits(drawn, reference, cluster):
    scenario, values = drawn
    seen = []
    ds = run_sampled(scenario, values, chunk=2 * BLOCK, block=BLOCK, scheduler=cluster,
                     progress=seen.append)
    _same(ds, reference)
    assert seen[-1] == "chunks done 3 / 3"
    np.testing.assert_array_equal(ds["sample"].values, np.arange(N))


def test_samples_differ_from_each_other(reference):
    # the test above would pass trivially if every sample gave the same result
    population = reference["total_population"].isel(time=-1).values
    assert np.unique(population).size == N


def test_chunk_must_be_whole_blocks(drawn):
    scenario, values = drawn
    with pytest.raises(SimError, match="chunk: given 6; allowed: a multiple of 4"):
        run_sampled(scenario, values, chunk=6, block=BLOCK)


def test_chunk_slices_cover_the_samples_in_order():
    slices = scaleout.chunk_slices(10, 4)
    assert [(s.start, s.stop) for s in slices] == [(0, 4), (4, 8), (8, 10)]
    with pytest.raises(SimError, match="chunk: given 0"):
        scaleout.chunk_slices(10, 0)


def test_an_unreachable_scheduler_gives_one_line_at_once():
    """Nothing listens on port 9: refused at once, and said so (Dask would retry for its whole
    timeout and the message then blamed the handshake)."""
    started = time.perf_counter()
    with pytest.raises(SimError, match=r"--scheduler: nothing answers at tcp://127.0.0.1:9 "
                                       r"\(.*refused") as error:
        scaleout.run_chunks(abs, [1], scheduler="tcp://127.0.0.1:9")
    assert "\n" not in str(error.value) and time.perf_counter() - started < scaleout.CONNECT_TIMEOUT


def test_a_scheduler_that_is_not_an_address_is_refused():
    with pytest.raises(SimError, match="allowed: a Dask scheduler address"):
        scaleout.run_chunks(abs, [1], scheduler="my-cluster")
