"""Arrays with named dimensions, as the batch engine holds them.

Every value is a NumPy array whose axis 0 is the sample axis, followed by one axis per
dimension. The sample axis has length 1 when the value is the same for every sample (it then
broadcasts for free), else the number of samples. Which dimensions a value has, in which order
and with which elements, is fixed when the model is compiled (a `Shape`); at run time only the
arrays travel, and lining two values up is a precomputed transpose plus new axes (the NumPy
equivalent of xarray's broadcasting by dimension name, which PySD relies on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sim.core.errors import SimError

Array = np.ndarray


@dataclass(frozen=True)
class Shape:
    dims: tuple[str, ...] = ()
    coords: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, dims: dict[str, tuple[str, ...]]) -> Shape:
        return cls(tuple(dims), tuple(tuple(c) for c in dims.values()))

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(c) for c in self.coords)

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(zip(self.dims, self.coords))

    def without(self, dims) -> Shape:
        keep = [i for i, d in enumerate(self.dims) if d not in dims]
        return Shape(tuple(self.dims[i] for i in keep), tuple(self.coords[i] for i in keep))

    def __str__(self) -> str:
        return "[" + ", ".join(self.dims) + "]" if self.dims else "(scalar)"


def union(shapes: list[Shape]) -> Shape:
    """Dimensions of an operation on several values: each dimension where it first appears.

    A dimension name with two different element lists cannot be lined up (xarray would
    silently keep the common elements); that is refused.
    """
    found: dict[str, tuple[str, ...]] = {}
    for shape in shapes:
        for dim, coords in zip(shape.dims, shape.coords):
            if dim in found and found[dim] != coords:
                raise SimError(f"dimension '{dim}' appears with different elements "
                               f"({len(found[dim])} and {len(coords)}) in one expression")
            found.setdefault(dim, coords)
    return Shape.of(found)


def conformer(source: Shape, target: Shape) -> Callable[[Array], Array] | None:
    """A function that lays an array of `source` out along `target` (a superset of its
    dimensions): transposed to target's order, length-1 axes for the missing dimensions.
    None when the array is laid out that way already."""
    missing = [d for d in source.dims if d not in target.dims]
    if missing:
        raise SimError(f"dimension '{missing[0]}' of {source} is not among {target}")
    present = [d for d in target.dims if d in source.dims]
    perm = (0, *(1 + source.dims.index(d) for d in present))
    index = (slice(None), *(slice(None) if d in source.dims else None for d in target.dims))
    if perm == tuple(range(len(perm))):
        if len(index) == len(perm):
            return None
        return lambda a: a[index]
    return lambda a: a.transpose(perm)[index]


def full(a: Array, shape: Shape) -> Array:
    """`a` (laid out along `shape`, maybe with length-1 axes) as a full array of `shape`; a
    read-only view where NumPy can broadcast."""
    target = (a.shape[0], *shape.sizes)
    return a if a.shape == target else np.broadcast_to(a, target)
