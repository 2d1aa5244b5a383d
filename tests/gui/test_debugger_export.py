"""The worked example: every number in the exported Markdown recomputed from hand formulas."""
from __future__ import annotations

import re

import numpy as np
import pytest

from backprop_studio.gui.debugger.panel import StepDebugger
from tests.gui.test_debugger import ETA, W0, W1, X, Y, article_session, hand, sig

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]\d+)?")
# the symbols the 3-2-1 example uses, in LaTeX as the export writes them
SYMBOL = re.compile(
    r"\\frac\{\\partial E\}\{\\partial (?:w_\{(?P<gi>\d)(?P<gj>\d)\}\^\{\((?P<gk>\d)\)\}|(?P<gy>\\hat\{y\}))\}"
    r"|\\Delta w_\{(?P<di>\d)(?P<dj>\d)\}\^\{\((?P<dk>\d)\)\}"
    r"|\{w'\}_\{(?P<ai>\d)(?P<aj>\d)\}\^\{\((?P<ak>\d)\)\}"
    r"|w_\{(?P<wi>\d)(?P<wj>\d)\}\^\{\((?P<wk>\d)\)\}"
    r"|f'\(v_\{in,(?P<fj>\d)\}\^\{\((?P<fk>\d)\)\}\)"
    r"|v_\{(?P<io>in|out),(?P<vj>\d)\}\^\{\((?P<vk>\d)\)\}"
    r"|\\delta_\{(?P<ej>\d)\}\^\{\((?P<ek>\d)\)\}"
    r"|x_\{(?P<xi>\d)\}|\\hat\{y\}|\{E'\}|\\eta|(?<![a-z\\])y(?![a-z])|(?<![a-z\\])E(?![a-z'])"
    r"|\\frac\{1\}\{2\}")


def oracle() -> dict[str, float]:
    h = hand()
    v1after = [sum(h["W0after"][i, j] * X[i] for i in range(3)) for j in range(2)]
    out_after = sig(sum(h["W1after"][j, 0] * sig(v1after[j]) for j in range(2)))
    values = {r"\hat{y}": h["out"], "y": Y, "E": h["E"], "{E'}": 0.5 * (Y - out_after) ** 2, r"\eta": ETA,
              r"\frac{1}{2}": 0.5}
    W = [W0, W1]
    grads = [h["gW0"], h["gW1"]]
    after = [h["W0after"], h["W1after"]]
    for k in (1, 2):
        for i in range(W[k - 1].shape[0]):
            for j in range(W[k - 1].shape[1]):
                w = f"w_{{{i + 1}{j + 1}}}^{{({k})}}"
                values[w] = W[k - 1][i, j]
                values[rf"\frac{{\partial E}}{{\partial {w}}}"] = grads[k - 1][i, j]
                values[rf"\Delta {w}"] = -ETA * grads[k - 1][i, j]
                values[f"{{w'}}_{{{i + 1}{j + 1}}}^{{({k})}}"] = after[k - 1][i, j]
    units = {1: (h["v1"], h["h"], h["d1"]), 2: ([h["v2"]], [h["out"]], [h["d2"]])}
    for k, (vin, vout, d) in units.items():
        for j in range(len(vin)):
            values[f"v_{{in,{j + 1}}}^{{({k})}}"] = vin[j]
            values[f"v_{{out,{j + 1}}}^{{({k})}}"] = vout[j]
            values[f"f'(v_{{in,{j + 1}}}^{{({k})}})"] = vout[j] * (1 - vout[j])
            values[rf"\delta_{{{j + 1}}}^{{({k})}}"] = d[j]
    for i in range(3):
        values[f"x_{{{i + 1}}}"] = X[i]
    values[r"\frac{\partial E}{\partial \hat{y}}"] = h["out"] - Y
    return values


def items(formula: str) -> list[tuple[str, str]]:
    """The formula as a sequence of ("sym", text) and ("num", text) in reading order."""
    out, pos = [], 0
    while pos < len(formula):
        m = SYMBOL.match(formula, pos)
        if m:
            out.append(("num", "0.5") if m.group(0) == r"\frac{1}{2}" else ("sym", m.group(0)))
            pos = m.end()
            continue
        n = NUMBER.match(formula, pos)
        if n and not formula[pos - 1:pos].isalpha():
            out.append(("num", n.group(0)))
            pos = n.end()
            continue
        pos += 1
    return out


def agrees(shown: str, value: float) -> bool:
    """A number written with 4 significant digits agrees with the exact value."""
    return abs(float(shown) - value) <= 6e-4 * abs(value) + 1e-12


def test_every_number_in_the_markdown_worked_example(qtbot, tmp_path):
    studio = article_session()
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    studio.step()
    path = view.export_worked_example(tmp_path / "step.md")
    text = path.read_text(encoding="utf-8")
    values = oracle()
    lines = [l for l in text.splitlines() if l.startswith("- $")]
    assert len(lines) >= 40
    checked = 0
    for line in lines:
        spans = re.findall(r"\$([^$]*)\$", line)
        lhs, _, formula = spans[0].partition(" = ")
        assert lhs in values, lhs
        result = (spans[1] if len(spans) > 1 else spans[0]).rsplit("= ", 1)[1]
        assert agrees(result, values[lhs]), line
        checked += 1
        if len(spans) == 1:
            continue
        numbers = spans[1][2:].rsplit(" = ", 1)[0] if spans[1].count("=") > 1 else ""
        if not numbers:
            continue
        symbolic = items(formula)
        shown = [t for kind, t in items(numbers) if kind == "num"]
        assert len(symbolic) == len(shown), (line, symbolic, shown)
        for (kind, token), number in zip(symbolic, shown):
            expected = values[token] if kind == "sym" else float(token)
            assert agrees(number, expected), (line, token, number)
            checked += 1
    assert checked > 100
    for heading in ("Forward pass, layer 1", "The loss", "Backward pass, layer 1", r"Update of $W^{(0\to 1)}$",
                    "The loss after the update"):
        assert f"## {heading}" in text


def test_html_worked_example_is_self_contained(qtbot, tmp_path):
    studio = article_session()
    view = StepDebugger(studio)
    qtbot.addWidget(view)
    with pytest.raises(ValueError):
        view.export_worked_example(tmp_path / "none.md")   # no step yet
    studio.step()
    html = view.export_worked_example(tmp_path / "step.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html
    assert "δ<sub>1</sub><sup>(1)</sup>" in html
    with pytest.raises(ValueError):
        view.export_worked_example(tmp_path / "step.pdf")


def test_the_export_dialog_starts_next_to_the_project_and_says_where_it_saved(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from backprop_studio.gui.debugger.export import EVERY_SAMPLE, default_path, export_worked_example_dialog

    studio = article_session(batch_size=1)
    project = tmp_path / "lesson" / "article.json"
    project.parent.mkdir()
    studio.path = project
    studio.step()
    assert default_path(studio) == tmp_path / "lesson" / "article-step-1.md"
    asked = []

    def save_name(parent, caption, start, filters):
        asked.append((start, filters))
        return str(tmp_path / "lesson" / "handout"), "Markdown with LaTeX (*.md)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(studio.note) as note:
        written = export_worked_example_dialog(None, studio)
    assert asked[0][0] == str(tmp_path / "lesson" / "article-step-1.md") and EVERY_SAMPLE in asked[0][1]
    assert written == tmp_path / "lesson" / "handout.md" and written.exists()
    assert (tmp_path / "lesson" / "handout.svg").exists()
    assert str(written) in note.args[0] and "handout.svg" in note.args[0]


def test_the_every_sample_filter_writes_the_whole_batch(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from backprop_studio.core import build
    from backprop_studio.core.data.datasets import Dataset
    from backprop_studio.core.training.session import Session, TrainingConfig
    from backprop_studio.gui.debugger.export import EVERY_SAMPLE, export_worked_example_dialog
    from backprop_studio.gui.studio import StudioSession

    net = build([3, 2, 1], "sigmoid", bias=False)
    data = Dataset(np.array([X, X * 0.5, -X]), np.array([[Y], [0.0], [Y]]))
    studio = StudioSession(Session(net, data, TrainingConfig(loss="half_sse", batch_size=3)))
    studio.step()
    for name, chosen in (("compact", "HTML page (*.html)"), ("full", f"HTML page, {EVERY_SAMPLE} (*.html)")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, c=chosen: (str(tmp_path / n), c))
        export_worked_example_dialog(None, studio)
    compact = (tmp_path / "compact.html").read_text(encoding="utf-8")
    full = (tmp_path / "full.html").read_text(encoding="utf-8")
    assert "x<sub>1</sub>[3]" in full and "x<sub>1</sub>[3]" not in compact and "x<sub>1</sub>[1]" in compact
