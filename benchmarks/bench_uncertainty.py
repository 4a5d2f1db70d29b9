"""Speed and memory of `sim uncertainty` (sim.runs.assumption_space, sim.runs.sampled,
sim.runs.scaleout) on the Hangzhou baseline, 2020-2035, every uncertain input drawn.

For N = 1,000 and 10,000 samples, each in a fresh process (so that one size's memory does not
hide the other's), prints: the time to draw the samples and build the per-sample inputs, the
time of the model runs (chunks of 500 in threads, as `sim uncertainty` runs them by default),
the time to compute the probabilities, the total, and the process's peak resident memory
(ru_maxrss: model outputs kept per sample plus the engine's work). Also P(reached) per target
at N = 1,000. Asserts nothing: goals are read from this output, not unit tests.

Run: .venv/bin/python benchmarks/bench_uncertainty.py [--sizes 1000 10000] [--chunk 500]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hangzhou" / "baseline.yaml"


def one(n: int, chunk: int, seed: int) -> dict:
    """Time one Monte Carlo of n samples in this process."""
    sys.path.insert(0, str(ROOT))
    from sim.analysis.targets import load_targets
    from sim.analysis.uncertainty import SAMPLED_OUTPUTS, probabilities
    from sim.inputs.region import load_region
    from sim.inputs.scenario import load_scenario
    from sim.runs.assumption_space import assumption_space, draw
    from sim.runs.sampled import run_sampled, sampled_inputs

    scenario = load_scenario(SCENARIO)
    region = load_region(scenario.region)
    targets = load_targets(scenario.region)
    run_sampled(scenario, draw(assumption_space(scenario, region), 50, seed),
                outputs=SAMPLED_OUTPUTS)  # warm-up: model compiled, level table built
    times = {}
    t0 = time.perf_counter()
    space = assumption_space(scenario, region)
    values = draw(space, n, seed)
    sampled_inputs(scenario, region, values)
    times["draw_and_inputs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = run_sampled(scenario, values, chunk=chunk, outputs=SAMPLED_OUTPUTS, region=region)
    times["runs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = probabilities(ds, targets, [])
    times["probabilities"] = time.perf_counter() - t0
    times["total"] = sum(times.values())
    return {"n": n, "inputs": len(space), "times": times,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "dataset_mb": ds.nbytes / 2**20,
            "p_reached": dict(zip(table["id"], table["p_reached"].round(3)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(one(args.child, args.chunk, args.seed)))
        return
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(n), "--chunk",
                              str(args.chunk), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        t = r["times"]
        print(f"N = {n:>6,}: {r['inputs']} inputs drawn; "
              f"draw + inputs {t['draw_and_inputs']:.2f} s, "
              f"runs {t['runs']:.1f} s ({1000 * t['runs'] / n:.2f} ms a sample), probabilities "
              f"{t['probabilities']:.2f} s, total {t['total']:.1f} s; peak memory "
              f"{r['peak_rss_mb']:,.0f} MB (outputs kept: {r['dataset_mb']:,.0f} MB)")
        if n == min(args.sizes):
            for target, p in r["p_reached"].items():
                print(f"    P(reached) {target}: {p}")


if __name__ == "__main__":
    main()
