"""The Python API: `import sim` gives every entry point, documented, loaded on first use."""

import subprocess
import sys

import pytest

import sim
from sim.core.paths import SCENARIOS_DIR


@pytest.mark.parametrize("name", sim.__all__)
def test_every_entry_point_resolves_and_is_documented(name):
    value = getattr(sim, name)
    assert callable(value)
    assert value.__doc__ and value.__doc__.strip(), f"sim.{name} has no docstring"
    assert name in sim.__doc__, f"the package docstring does not list sim.{name}"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'run_everything'"):
        sim.run_everything  # noqa: B018


def test_import_sim_loads_no_model_stack():
    """`python -m sim --help` imports the package first: it must not pull in the engines."""
    code = ("import sys, sim; heavy = [m for m in ('xarray', 'pandas', 'sim.engines', "
            "'matplotlib', 'pysd') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_three_lines_run_a_scenario_and_judge_its_targets():
    """The README's notebook example."""
    result = sim.run_scenario(SCENARIOS_DIR / "hangzhou" / "baseline.yaml", write=False)
    table = sim.verdict_table(result.verdicts, "en")
    assert result.folder is None
    assert len(table) == len(sim.load_targets("hangzhou")) > 0
    assert set(table["verdict"]) <= {"reached", "missed", "reached, then lost",
                                      "beyond the horizon", "set by input, not projected"}
