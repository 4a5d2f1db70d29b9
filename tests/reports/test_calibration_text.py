"""What `sim calibrate` and `sim region build` print of a fit, in Chinese (the default) and in
English: the same numbers, and no English word in the Chinese text but the parameters' names
(identifiers, as in fit.yaml) and the method's."""

import re

import pytest
import yaml

from sim.core.paths import CALIBRATION_DIR
from sim.reports.calibration_report import format_posterior, format_record

ENGLISH_WORDS = re.compile(r"\b(accepted|passed|window|series|parameter|estimate|bounds|fit|check"
                           r"|walkers|steps|draws|acceptance|model runs|weak|identified)\b")


def record(region: str) -> dict:
    return yaml.safe_load((CALIBRATION_DIR / region / "fit.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("region", ["heilongjiang", "china", "hangzhou"])
def test_the_chinese_summary_is_chinese(region):
    fit = record(region)
    text = format_record(fit, "zh")
    names = {p for w in fit["windows"].values() for p in w["parameters"]}
    for name in names:
        text = text.replace(name, "")
    assert not ENGLISH_WORDS.search(text), ENGLISH_WORDS.search(text)
    assert "前推窗口" in text and ("校准通过" in text) is fit["passed"]


def test_both_languages_give_the_same_numbers():
    fit = record("heilongjiang")
    numbers = [re.findall(r"-?\d+\.\d+%?", format_record(fit, lang)) for lang in ("zh", "en")]
    assert numbers[0] == numbers[1] and len(numbers[0]) > 20
    assert "出生率（拟合）" in format_record(fit, "zh")
    assert "crude_birth_rate (fit)" in format_record(fit, "en")


def test_the_posterior_summary_in_both_languages():
    entry = record("china")["health_posterior"]
    zh, en = format_posterior(entry, "zh"), format_posterior(entry, "en")
    assert "后验样本，卫生资源窗口" in zh and "64个游走者×2000步" in zh
    assert "[posterior, health window]" in en and "64 walkers x 2000 steps" in en
    rest = zh.split("\n", 2)[2]                           # the table: names and numbers
    for name in entry["parameters"]:
        rest = rest.replace(name, "")
    assert not ENGLISH_WORDS.search(rest)
