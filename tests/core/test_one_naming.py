"""Every name of a weight, a matrix or a bias vector is built by ``core/engine/naming.py``, and
every id of a computation-graph node by ``core/explain/graph_ids.py`` (issue 24 §2).

The source of core/ and gui/ is read with :mod:`ast`: an f-string (or a string that is
``.format``-ed or concatenated) that puts a value into W^(k→k+1), W<sup>(…)</sup>, W^{(…)},
b^(k), w_ij^(k), W0[1,0] or a node id such as vout2_0 is a name built by hand, and is reported
with its file and line.  Docstrings, comments and fixed text (the help's W<sup>(0→1)</sup>) are
not built from a value and are left alone.  The names are checked against hand-written strings in
tests/core/test_naming.py; this test checks that nothing else writes them.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from backprop_studio.core.engine import naming

from .test_architecture import ROOT, sources

HOLE = "\x00"   # where a value goes into a string
# a value inside a name: W^(…, W<sup>(…, W⁽…, W^{(…, b^(…, w_…, w<sub>…, W0[…, b1[…
NAME = re.compile(
    r"(?<![A-Za-z_])(?:[Wb](?:\^\(|\^\{\(|<sup>\(|⁽)[^ ]*" + HOLE               # W^(k→k+1), b^(k+1)
    + r"|[wb](?:_\{?|<sub>)[A-Za-z0-9,]*" + HOLE + r"[A-Za-z0-9," + HOLE + r"]*(?:\^|</sub>|\})"  # w_ij^(k)
    + r"|[wb]_\{?[A-Za-z0-9,]+\}?\^\{?\(" + HOLE                             # w_12^(k)
    + r"|[Wb]" + HOLE + r"(?!_))")                                           # W0[1,0], b1[0], W0
GRAPH_ID = re.compile(r"^(?:vin|vout|mul|sum|layer|term|w|b)" + HOLE + r"(?:_" + HOLE + r")*$")
INPUT_ID = re.compile(r"^x" + HOLE + "$")   # x{i}: also a feature's label elsewhere, so only where graphs are
GRAPH_PLACES = (ROOT / "core" / "explain", ROOT / "gui" / "graph")
HOMES = {"names": ROOT / "core" / "engine" / "naming.py",
         "graph ids": ROOT / "core" / "explain" / "graph_ids.py"}
FORMAT_FIELD = re.compile(r"\{[^{}]*\}|%[sdr]")


def _templates(tree: ast.AST) -> list[tuple[int, str, bool]]:
    """(line, text with HOLE where a value goes, whether it is an f-string) of every string
    that takes a value: f-strings, ``"...".format(...)``, ``"..." % ...`` and ``"..." + ...``."""
    out = []
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
            out.append((node.lineno, text, True))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute) and parent.attr == "format" or (
                    isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mod) and parent.left is node):
                out.append((node.lineno, FORMAT_FIELD.sub(HOLE, node.value), False))
            elif isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add):    # "W^(" + str(k)
                left = parent.left is node
                out.append((node.lineno, node.value + HOLE if left else HOLE + node.value, False))
    return out


def hand_built(path: Path, text: str | None = None) -> list[str]:
    """``file:line: text`` of every name or graph id built outside its home."""
    tree = ast.parse(path.read_text() if text is None else text, str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = []
    in_graphs = any(path.is_relative_to(place) for place in GRAPH_PLACES)
    for line, template, f_string in _templates(tree):
        if path != HOMES["names"] and NAME.search(template):
            found.append(f"{where}:{line}: a name built by hand ({template.replace(HOLE, '{…}')!r}): use naming")
        if path != HOMES["graph ids"] and f_string and (
                GRAPH_ID.match(template) or in_graphs and INPUT_ID.match(template)):
            found.append(f"{where}:{line}: a graph node id built by hand ({template.replace(HOLE, '{…}')!r}): "
                         "use core.explain.graph_ids")
    return found


def test_no_name_or_graph_id_is_built_outside_its_home():
    assert [f for p in sources("core") + sources("gui") for f in hand_built(p)] == []


@pytest.mark.parametrize("source", [
    'f"W^({k}→{k + 1})"', 'f"W^({k}->{k + 1})"', 'f"incoming W<sup>({k - 1}→{k})</sup>"',
    'rf"W^{{({k}\\to {k + 1})}}"', 'f"Initialise W^({k - 1}->{k})"', 'f" and b^({k + 1})"',
    'f"b<sup>({k})</sup>"', 'f"w_{i + 1}{j + 1}^({k})"', 'f"Σ<sub>i</sub> w<sub>i{j}</sub>"',
    'f"{spec}: W{k} has shape"', 'f"e.g. W{k}[0,1]"', '"W^(" + str(k) + ")"', '"W^({}->{})".format(k, k + 1)',
    '"W%d" % k', 'f"w_12^({k})"', 'f"vout{k}_{j}"', 'f"layer{k}"', 'f"w{k}_{i}_{j}"',
])
def test_the_check_can_fail(source):
    """Each way of building a name or an id by hand, planted in a module, is reported."""
    assert hand_built(ROOT / "gui" / "_planted_probe.py", f"x = {source}\n")
    assert hand_built(ROOT / "gui" / "graph" / "_planted_probe.py", 'x = f"x{i}"\n')   # an input's node id


@pytest.mark.parametrize("source", [
    '"""W^(k->k+1) in a docstring, W^({k}) too."""\n', 'def f():\n    """W^({k}->{k + 1})"""\n',
    'x = "W<sup>(0→1)</sup> in fixed help text"\n', 'x = f"layer {k} has {n} units"\n',
    'x = f"v_in^({k}) = ..."\n', 'x = f"Σ_{k} of {x}"\n', 'x = f"{w}·{v}"\n', 'x = f"{text} and {Wb}"\n',
    'x = "w_{ij}^{(k+1)} in fixed LaTeX"\n', 'x = "w" + frozen\n', 'x = f"w_i{example}."\n',
    'x = f"x{i + 1}"\n',                      # a feature's label, outside the graph's modules
])
def test_text_that_builds_no_name_passes(source):
    assert hand_built(ROOT / "gui" / "_planted_probe.py", source) == []


def test_every_form_has_one_arrow():
    """W^(k→k+1) in each form, by hand: → where the medium has it, ``\\to`` in LaTeX, -> in ASCII."""
    assert [naming.matrix_name(1, form) for form in naming.FORMS] == [
        "W^(1→2)", "W⁽¹→²⁾", "W<sup>(1→2)</sup>", r"W^{(1\to 2)}", "W^(1->2)"]
    assert naming.matrix_name(0, "ascii", transposed=True) == "W^(0->1)^T"
    assert naming.matrix_name(0, "html", transposed=True) == "W<sup>(0→1)T</sup>"
    assert naming.matrix_name(0, transposed=True) == "W^(0→1)ᵀ"
    assert naming.matrix_name("k", "latex") == r"W^{(k\to k+1)}"
    assert naming.bias_vector_name(1) == "b^(2)" and naming.bias_vector_name(0, "html") == "b<sup>(1)</sup>"
    assert naming.incoming_weight_name(1, 0, "html") == "w<sub>i1</sub><sup>(2)</sup>"
    assert naming.incoming_weight_name(0, 11) == "w_i,12^(1)"
    with pytest.raises(ValueError, match="unknown name form"):
        naming.matrix_name(0, "rtf")


def test_core_ids_keep_the_command_lines_spelling():
    """``surface --params`` took W0[1,0] with spaces inside; a bias takes one index, a weight two."""
    assert naming.parse_param_id(" W0[ 1 , 2 ] ") == (0, 1, 2, False)
    assert naming.parse_param_id("b0[1,2]") is None and naming.parse_param_id("W0[1]") is None
    assert naming.split_param_id("W0[1]") == (False, 0, (1,))
    assert naming.array_id(2) == "W2" and naming.array_id(2, bias=True) == "b2"
