"""Regenerate the sketch (views) section of health_system.mdl from its equation groups.

Each `.Group` of equations becomes a Vensim view of the same name listing its variables on a
grid (stocks as boxes), so that a reviewer opening the file in Vensim finds every variable in
the view of its sector. Run after adding or renaming variables:

    .venv/bin/python -m sim.model.sketch
"""

from __future__ import annotations

import re
from pathlib import Path

MODEL = Path(__file__).with_name("health_system.mdl")
SKETCH_MARK = "\\\\\\---/// Sketch information"
VIEW_HEADER = ("$192-192-192,0,Times New Roman|12||0-0-0|0-0-0|0-0-255|-1--1--1|-1--1--1|"
               "96,96,100,0")
SETTINGS = ["///---\\\\\\", ":L<%^E!@", "9:Current", "15:0,0,0,0,0,0", "19:100,0", "27:0,",
            "34:0,", "5:population", "24:2020", "25:2035", "26:2035"]
GROUP = re.compile(r"^\*{10,}\n\t\.(?P<name>[^\n]+)\n\*{10,}~", re.M)
EQUATION = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9 ]*?)\s*(\[[^\]]*\])?\s*=", re.M)
SKIPPED_GROUPS = {"Control"}


def equation_groups(text: str) -> dict[str, list[str]]:
    """Variable names by group, in order of first definition."""
    body = text.split(SKETCH_MARK)[0]
    marks = list(GROUP.finditer(body))
    groups: dict[str, list[str]] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        names: list[str] = []
        for chunk in body[mark.end():end].split("|")[1:]:
            match = EQUATION.search(chunk.strip("\n\t ") + "\n")
            if match and match.group("name") not in names:
                names.append(match.group("name"))
        if mark.group("name") not in SKIPPED_GROUPS:
            groups[mark.group("name")] = names
    return groups


def stocks(text: str) -> set[str]:
    return set(re.findall(r"^([A-Za-z][A-Za-z0-9 ]*?)\s*(?:\[[^\]]*\])?\s*=\s*INTEG", text, re.M))


def sketch(text: str) -> str:
    lines = [SKETCH_MARK + " - do not modify anything except names",
             "V300  Do not put anything below this section - it will be ignored"]
    stock_names = stocks(text)
    for view, names in equation_groups(text).items():
        lines += ["*" + view, VIEW_HEADER]
        for i, name in enumerate(names):
            x, y = 150 + i % 4 * 230, 100 + i // 4 * 110
            shape, w, h = (3, 55, 25) if name in stock_names else (8, 65, 20)
            lines.append(f"10,{i + 1},{name},{x},{y},{w},{h},{shape},3,0,0,0,0,0,0,0,0,0,0,0,0")
    return "\n".join(lines + SETTINGS) + "\n"


def main() -> None:
    text = MODEL.read_text(encoding="utf-8")
    MODEL.write_text(text.split(SKETCH_MARK)[0] + sketch(text), encoding="utf-8")
    print(f"rewrote the sketch of {MODEL}")


if __name__ == "__main__":
    main()
