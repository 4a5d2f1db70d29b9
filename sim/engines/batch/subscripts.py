"""Subscript ranges of a model: names, elements, subranges and equivalences.

Follows PySD's `SubscriptManager` (pysd/builders/python/subscripts.py), which is the reference
for how a reference's subscripts become dimensions:

- a range name (`age`) is a dimension with all its elements; with `!` (`age!`) it is a
  dimension of the same elements that a SUM (or PROD, VMIN, VMAX) runs over;
- an element name (`female`) selects one element of the first range (in definition order) that
  holds it and is not already named in the same reference;
- a subrange (`age 65 plus`) is a dimension of its own name holding part of a range's elements;
- an equivalence (`age before <-> age`) is a second name for the same elements, and maps to
  `age` where an equation defined over `age` refers to it without `!`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.core.errors import SimError


@dataclass(frozen=True)
class Subscripts:
    #: range name -> its elements, in definition order (equivalences and ranges built from
    #: subranges resolved to elements)
    ranges: dict[str, tuple[str, ...]]
    #: range name -> names of the ranges it maps to (an equivalence maps to its original)
    mapping: dict[str, tuple[str, ...]]

    @classmethod
    def from_abstract(cls, abstract_ranges, where: str) -> Subscripts:
        ranges: dict[str, list[str] | str] = {}
        mapping: dict[str, list[str]] = {}
        for sub in abstract_ranges:
            maps = list(sub.mapping or [])
            if not all(isinstance(m, str) for m in maps):
                raise SimError(f"{where}: subscript range '{sub.name}': a mapping of single "
                               "elements is not supported by the batch engine")
            if isinstance(sub.subscripts, list):
                ranges[sub.name] = list(sub.subscripts)
            elif isinstance(sub.subscripts, str):  # `copy <-> original`
                ranges[sub.name] = sub.subscripts
                maps.append(sub.subscripts)
            else:
                raise SimError(f"{where}: subscript range '{sub.name}': ranges read from files "
                               "(GET DIRECT SUBSCRIPT) are not supported by the batch engine")
            mapping[sub.name] = maps
        resolved = {name: _resolve(name, ranges, where, ()) for name in ranges}
        return cls(resolved, {name: tuple(m) for name, m in mapping.items()})

    def is_element(self, name: str) -> bool:
        return any(name in elements for elements in self.ranges.values())

    def coords(self, subs: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """Dimensions named by a list of subscripts, as PySD's `make_coord_dict`.

        `['sex', 'a0']` -> `{'sex': ('female', 'male'), 'age': ('a0',)}`; a `!` stays on the
        dimension name.
        """
        found: dict[str, tuple[str, ...]] = {}
        for sub in subs:
            if self.is_element(sub):
                avoid = set(subs) | set(found)
                name = next((n for n, elements in self.ranges.items()
                             if sub in elements and n not in avoid), None)
                if name is None:
                    ranges = [n for n, elements in self.ranges.items() if sub in elements]
                    raise SimError(
                        f"[{', '.join(subs)}]: the element '{sub}' and its own range "
                        f"'{ranges[0]}' in one subscript list; allowed: an element of a range "
                        "not otherwise named there")
                found[name] = (sub,)
            else:
                base = sub[:-1] if sub.endswith("!") else sub
                if base not in self.ranges:
                    raise SimError(f"unknown subscript '{sub}'")
                found[sub] = self.ranges[base]
        return found

    def merge(self, component_dims: list[dict[str, tuple[str, ...]]]) -> dict[str, tuple]:
        """The dimensions of a variable defined piecewise by several components.

        Position by position, the elements of all components are pooled and the dimension is
        the one (of a component, else any range) holding exactly those elements, else the first
        range that holds them all (as PySD's `make_merge_list`).
        """
        if len(component_dims) == 1:
            dims = component_dims[0]
            return {name: self.ranges[name] for name in dims}
        width = {len(d) for d in component_dims}
        if len(width) != 1:
            raise SimError("its equations have different numbers of subscripts")
        merged: dict[str, tuple[str, ...]] = {}
        for i in range(width.pop()):
            pooled: set[str] = set()
            names = []
            for dims in component_dims:
                name, elements = list(dims.items())[i]
                pooled.update(elements)
                names.append(name)
            others = {list(d)[j] for d in component_dims for j in range(len(d)) if j != i}
            choice = next((n for n in names if set(self.ranges[n]) == pooled), None)
            choice = choice or next((n for n, e in self.ranges.items()
                                     if set(e) == pooled and n not in others), None)
            choice = choice or next((n for n, e in self.ranges.items()
                                     if pooled <= set(e) and n not in others), None)
            if choice is None:
                raise SimError(f"no subscript range holds the elements {sorted(pooled)}")
            merged[choice] = self.ranges[choice]
        return merged


def _resolve(name: str, ranges: dict, where: str, seen: tuple) -> tuple[str, ...]:
    """Elements of a range: follows equivalences and ranges written with subranges."""
    if name in seen:
        raise SimError(f"{where}: subscript range '{name}' is defined in terms of itself")
    definition = ranges[name]
    if isinstance(definition, str):
        if definition not in ranges:
            raise SimError(f"{where}: subscript range '{name}' copies unknown range "
                           f"'{definition}'")
        return _resolve(definition, ranges, where, seen + (name,))
    elements: list[str] = []
    for item in definition:
        if item in ranges and item != name:
            elements += _resolve(item, ranges, where, seen + (name,))
        else:
            elements.append(item)
    return tuple(elements)
