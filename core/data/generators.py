"""Seeded toy datasets: the classic pictures of what a small network can learn.

Each generator is one entry of :data:`DATA_GENERATORS` (:class:`DataGenerator`: its function,
default noise, kind and input width), which the dataset reader, the Dataset panel and the tests
read.  Every generator takes ``(samples, noise, rng, classes)`` and returns ``(inputs, targets)``:
inputs of shape (samples, 2) or (samples, 1), targets of shape (samples, 1).  Noise is the
standard deviation of Gaussian noise added to each input (classification) or to the target
(regression).  The same seed gives the same numbers, bit for bit.

Classification (targets are class labels 0, 1, ...; binary ones suit a sigmoid output):

- ``xor``, ``and``, ``or``: samples cycle through the corners (0,0), (0,1), (1,0), (1,1),
  labelled with the logical function; with ``noise`` 0 and 4 samples this is the truth table.
- ``circle``: label 1 inside radius 0.5, label 0 on the ring 0.7 <= r <= 1.
- ``gaussians``: ``classes`` blobs of standard deviation ``noise`` on a circle of radius 1.5.
- ``spiral``: ``classes`` interleaved arms, r = t, angle = 3.5 pi t + 2 pi c / classes.
- ``moons``: two interleaved half circles.

Regression (targets are real numbers; an identity output):

- ``sine``: y = sin(x), x in [-pi, pi];   ``line``: y = 2x + 1;   ``parabola``: y = x^2,
  x in [-1, 1];   ``plane``: y = 0.5 x1 - x2 + 0.25 on [-1, 1]^2.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Generator = Callable[[int, float, np.random.Generator, int], tuple[Array, Array]]

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _logic(table: tuple[int, int, int, int]) -> Generator:
    def generate(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
        corner = np.arange(n) % 4
        x = _CORNERS[corner] + rng.normal(0.0, 1.0, (n, 2)) * noise
        return x, np.array(table, dtype=np.float64)[corner][:, None]
    return generate


def circle(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
    label = (np.arange(n) % 2 == 0).astype(np.float64)          # alternate inside / outside
    r = np.where(label == 1, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    x = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return x + rng.normal(0.0, 1.0, (n, 2)) * noise, label[:, None]


def gaussians(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
    label = np.arange(n) % classes
    angle = 2 * np.pi * label / classes + np.pi / 4
    centres = 1.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + rng.normal(0.0, 1.0, (n, 2)) * noise, label[:, None].astype(np.float64)


def spiral(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
    label = np.arange(n) % classes
    t = (np.arange(n) // classes + 0.5) / max(1, -(-n // classes))   # evenly along each arm
    angle = 3.5 * np.pi * t + 2 * np.pi * label / classes
    x = np.column_stack([t * np.sin(angle), t * np.cos(angle)])
    return x + rng.normal(0.0, 1.0, (n, 2)) * noise, label[:, None].astype(np.float64)


def moons(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
    label = (np.arange(n) % 2).astype(np.float64)
    theta = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(theta), np.sin(theta)])
    lower = np.column_stack([1.0 - np.cos(theta), 0.5 - np.sin(theta)])
    x = np.where(label[:, None] == 0, upper, lower)
    return x + rng.normal(0.0, 1.0, (n, 2)) * noise, label[:, None]


def _regression(f: Callable[[Array], Array], low: float, high: float, dims: int) -> Generator:
    def generate(n: int, noise: float, rng: np.random.Generator, classes: int = 2) -> tuple[Array, Array]:
        x = rng.uniform(low, high, (n, dims))
        return x, (f(x) + rng.normal(0.0, 1.0, n) * noise)[:, None]
    return generate


@dataclass(frozen=True)
class DataGenerator:
    """A registry entry: one generator with everything said about it.

    ``make(samples, noise, rng, classes)`` draws the data; ``noise`` is its default noise;
    ``kind`` is :data:`CLASSIFICATION` (targets are class labels 0, 1, ...) or :data:`REGRESSION`
    (real targets); ``dims`` is how many input columns it draws; ``classes`` says whether it
    takes a ``classes`` count (2 to 10; the others draw two classes or none).
    """

    name: str
    make: Generator
    noise: float
    kind: str
    dims: int
    classes: bool = False


CLASSIFICATION, REGRESSION = "classification", "regression"

DATA_GENERATORS: dict[str, DataGenerator] = {g.name: g for g in (
    DataGenerator("xor", _logic((0, 1, 1, 0)), 0.1, CLASSIFICATION, 2),
    DataGenerator("and", _logic((0, 0, 0, 1)), 0.1, CLASSIFICATION, 2),
    DataGenerator("or", _logic((0, 1, 1, 1)), 0.1, CLASSIFICATION, 2),
    DataGenerator("circle", circle, 0.05, CLASSIFICATION, 2),
    DataGenerator("gaussians", gaussians, 0.5, CLASSIFICATION, 2, classes=True),
    DataGenerator("spiral", spiral, 0.05, CLASSIFICATION, 2, classes=True),
    DataGenerator("moons", moons, 0.1, CLASSIFICATION, 2),
    DataGenerator("sine", _regression(lambda x: np.sin(x[:, 0]), -np.pi, np.pi, 1), 0.05, REGRESSION, 1),
    DataGenerator("line", _regression(lambda x: 2.0 * x[:, 0] + 1.0, -1.0, 1.0, 1), 0.05, REGRESSION, 1),
    DataGenerator("parabola", _regression(lambda x: x[:, 0] ** 2, -1.0, 1.0, 1), 0.05, REGRESSION, 1),
    DataGenerator("plane", _regression(lambda x: 0.5 * x[:, 0] - x[:, 1] + 0.25, -1.0, 1.0, 2), 0.05,
                  REGRESSION, 2),
)}
"""name -> entry; the names used in project files."""

GENERATORS: dict[str, Generator] = {name: g.make for name, g in DATA_GENERATORS.items()}
"""name -> generator function (read from the entries)."""
DEFAULT_NOISE = {name: g.noise for name, g in DATA_GENERATORS.items()}
"""name -> default noise (read from the entries)."""
MULTICLASS = tuple(name for name, g in DATA_GENERATORS.items() if g.classes)
"""The generators that take a ``classes`` count (2 to 10)."""
