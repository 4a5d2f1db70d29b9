"""The terminal heading names the scenario by its title in the language, not by its id."""

from types import SimpleNamespace

from sim.core.paths import SCENARIOS_DIR
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.reports.run_report import summary_heading


def test_heading_gives_the_scenarios_title_in_the_language():
    scenario = load_scenario(SCENARIOS_DIR / "hangzhou" / "low_fertility.yaml")
    result = SimpleNamespace(scenario=scenario, region=load_region("hangzhou"))
    assert summary_heading(result, "zh") == f"杭州市（Hangzhou），情景：{scenario.title_in('zh')}"
    assert summary_heading(result, "en").endswith(f"scenario {scenario.title_in('en')}")
    assert scenario.name not in summary_heading(result, "zh")
    assert scenario.title_in("zh") != scenario.name   # the library file has a Chinese title
