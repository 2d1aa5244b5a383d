"""Make Qt's SVG draw its thin lines thin in every renderer.

A plot draws its curves and symbols in data coordinates, scaled to the screen by a transform, with
*cosmetic* pens: 1.5 pixels wide whatever the scale.  Qt's SVG generator writes that as a group
with the scaling ``transform`` and shapes marked ``vector-effect="non-scaling-stroke"``.  Renderers
that ignore the vector effect (librsvg's rsvg-convert, used by many viewers) widen the stroke by
the scale: a decision boundary drawn at 148 pixels per unit becomes a 222-pixel black band that
covers the plot.  :func:`flatten_scaled_strokes` maps such shapes' coordinates through their
group's transform and drops it, so the stroke is as wide as written everywhere.

Only groups whose transform scales (or rotates) and whose children are all shapes this module
can map are changed; text and images keep their transform.  The input is the SVG the app itself
has just written.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SHAPES = {"path", "polyline", "polygon", "rect", "line"}
Matrix = tuple[float, float, float, float, float, float]


class _Unmappable(ValueError):
    """A shape this module does not map (relative path commands, arcs, ...)."""


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _num(v: float) -> str:
    return f"{v:.6g}"


def _points(m: Matrix, text: str) -> str:
    values = [float(v) for v in _NUMBER.findall(text)]
    pairs = [_apply(m, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in pairs)


def _path(m: Matrix, d: str) -> str:
    out: list[str] = []
    numbers: list[float] = []

    def flush() -> None:
        if len(numbers) % 2:
            raise _Unmappable("odd coordinates")
        out.extend(f"{_num(x)},{_num(y)}" for x, y in
                   (_apply(m, numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2)))
        numbers.clear()

    for token in _PATH_TOKEN.findall(d):
        if token.isalpha():
            flush()
            if token not in "MLCQSTZz":
                raise _Unmappable(f"path command {token}")
            out.append(token)
        else:
            numbers.append(float(token))
    flush()
    return " ".join(out)


def _map_shape(m: Matrix, shape: ET.Element) -> None:
    tag = _tag(shape)
    if tag == "path":
        shape.set("d", _path(m, shape.get("d", "")))
    elif tag in ("polyline", "polygon"):
        shape.set("points", _points(m, shape.get("points", "")))
    elif tag == "line":
        x1, y1 = _apply(m, float(shape.get("x1", 0)), float(shape.get("y1", 0)))
        x2, y2 = _apply(m, float(shape.get("x2", 0)), float(shape.get("y2", 0)))
        for key, value in (("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)):
            shape.set(key, _num(value))
    elif tag == "rect":
        if shape.get("rx") or shape.get("ry"):
            raise _Unmappable("rounded rect")
        x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
        w, h = float(shape.get("width", 0)), float(shape.get("height", 0))
        corners = [_apply(m, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
        shape.tag = f"{{{SVG}}}path"
        for key in ("x", "y", "width", "height"):
            shape.attrib.pop(key, None)
        shape.set("d", "M" + " L".join(f"{_num(px)},{_num(py)}" for px, py in corners) + " Z")
    else:
        raise _Unmappable(tag)


def _matrix(group: ET.Element) -> Matrix | None:
    match = _MATRIX.match(group.get("transform", ""))
    if match is None:
        return None
    values = [float(v) for v in _NUMBER.findall(match.group(1))]
    return (values[0], values[1], values[2], values[3], values[4], values[5]) if len(values) == 6 else None


def flatten_scaled_strokes(svg: bytes) -> bytes:
    """The SVG with every scaled group of stroked shapes mapped to plain coordinates (see the
    module's docstring); unchanged where nothing needs it."""
    root = ET.fromstring(svg)
    changed = False
    for group in root.iter(f"{{{SVG}}}g"):
        m = _matrix(group)
        children = list(group)
        if m is None or not children or (m[0], m[1], m[2], m[3]) == (1.0, 0.0, 0.0, 1.0):
            continue                      # no transform, or a translation: strokes keep their width
        if group.get("stroke", "none") == "none" or any(_tag(c) not in _SHAPES for c in children):
            continue
        originals = [dict(c.attrib) for c in children], [c.tag for c in children]
        try:
            for child in children:
                _map_shape(m, child)
        except (_Unmappable, ValueError, IndexError):
            for child, attrib, tag in zip(children, *originals):
                child.attrib.clear()
                child.attrib.update(attrib)
                child.tag = tag
            continue
        del group.attrib["transform"]
        changed = True
    if not changed:
        return svg
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")
