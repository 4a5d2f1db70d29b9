"""`make baseline` installs on first use: it says so before pip starts and lets pip show its
progress (no --quiet), so the few minutes of installing are not silent."""

import re

from sim.core.paths import PROJECT_ROOT


def install_recipe() -> list[str]:
    text = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert match, "the install rule ($(STAMP)) is in the Makefile"
    return [line.strip() for line in match.group(1).splitlines()]


def test_the_install_says_what_it_does_and_shows_pip_progress():
    recipe = install_recipe()
    pip = next(i for i, line in enumerate(recipe) if "pip install" in line)
    assert not re.search(r"\s(--quiet|-q+)(\s|$)", recipe[pip])
    assert any(line.startswith("@echo") and "install" in line.lower()
               for line in recipe[:pip])
