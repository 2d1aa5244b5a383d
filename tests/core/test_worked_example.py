"""The worked-example export a teacher hands out: real LaTeX, frozen weights named, a compact
batch, and the picture of the network with the article example's numbers (worked by hand here)."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.explain import context_for, fmt
from backprop_studio.core.explain.worked_example import FROZEN, export, html_document, latex_formula, markdown
from backprop_studio.core.explain.worked_figure import MAX_UNITS, network_svg
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig

ARTICLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "article_3_2_1.json"
SVG = "{http://www.w3.org/2000/svg}"


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def article_by_hand() -> dict[str, float]:
    """The article example's file (x = 1, 0.5, -0.5; y = 1), one scalar at a time."""
    x, w1, w2 = [1.0, 0.5, -0.5], [[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]], [0.7, -0.2]
    h = [sig(sum(w1[i][j] * x[i] for i in range(3))) for j in range(2)]
    out = sig(w2[0] * h[0] + w2[1] * h[1])
    d2 = (out - 1.0) * out * (1 - out)
    return {"h1": h[0], "h2": h[1], "out": out, "d2": d2, "d1_1": w2[0] * d2 * h[0] * (1 - h[0]),
            "E": 0.5 * (1.0 - out) ** 2}


def article(**changes) -> Session:
    session = project_file.load(ARTICLE)
    for key, value in changes.items():
        setattr(session.config, key, value)
    return session


def stepped(session: Session):
    session.step()
    return context_for(session)


def small_batch(batch: int, hidden: int = 4, activation: str = "tanh") -> Session:
    """A 2-hidden-1 network on 16 seeded points, trained in batches of ``batch``."""
    rng = np.random.default_rng(3)
    net = build([2, hidden, 1], [activation, "sigmoid"], bias=True, seed=1)
    x = rng.normal(size=(16, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    return Session(net, Dataset(x, y), TrainingConfig(loss="half_sse", batch_size=batch, shuffle=False))


def formula_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- $")]


# -- real LaTeX ------------------------------------------------------------------------------------
def test_markdown_writes_latex_math_without_doubled_brackets():
    text = markdown(stepped(article()))
    assert r"## Backward pass, layer 2: the error terms $\delta^{(2)}$" in text
    assert r"\delta_{1}^{(2)} = " in text
    assert r"$W^{(1\to 2)}$" in text
    assert "((" not in text, [line for line in text.splitlines() if "((" in line]
    # half_sse of one output: 1/2 (y - ŷ)², not 1/2 ((y - ŷ)²)
    assert r"$E = \frac{1}{2} (y - \hat{y})^{2}$" in text
    assert r"**Loss:** half_sse: $E = \frac{1}{2} \sum_j (y_j - \hat{y}_j)^2$" in text


def test_a_negative_argument_gets_one_bracket():
    session = small_batch(1)
    text = markdown(stepped(session))
    assert re.search(r"\\tanh\(-\d", text), "a negative v_in is written tanh(-0.27)"
    assert "((" not in text and r"\tanh((" not in text


def test_every_loss_formula_becomes_latex():
    for name, loss in LOSSES.items():
        latex = latex_formula(loss.formula)
        assert "sum_" not in latex.replace(r"\sum_", ""), (name, latex)
        assert "y_hat" not in latex and " log " not in f" {latex} ".replace(r"\log", ""), (name, latex)
    assert latex_formula(LOSSES["cross_entropy"].formula) == r"E = -\sum_j y_j \log \hat{y}_j"


# -- frozen parameters -----------------------------------------------------------------------------
def test_a_frozen_weight_says_it_is_not_updated():
    session = article()
    session.network.frozen_W[0][0, 0] = True        # w_11^(1)
    text = markdown(stepped(session))
    after = [line for line in formula_lines(text) if line.startswith("- ${w'}_{11}^{(1)}")]
    assert len(after) == 1 and after[0].endswith(f"({FROZEN})") and "= 0.1000" in after[0], after
    assert FROZEN == "frozen: not updated"
    others = [line for line in formula_lines(text) if line.startswith("- ${w'}_{12}^{(1)}")]
    assert FROZEN not in others[0]


# -- a batch: the first sample and the means -------------------------------------------------------
def test_a_batch_export_shows_the_first_sample_and_the_means():
    ctx = stepped(small_batch(16))
    compact, full = markdown(ctx), markdown(ctx, full=True)
    lhs = [line.split(" = ")[0] for line in formula_lines(compact)]
    assert not [s for s in lhs if re.search(r"\[(?:[2-9]|1\d)\]", s)], "only sample [1] has per-sample lines"
    assert any(s.endswith("[1]") for s in lhs)
    assert r"\text{E (batch mean)}" in compact and r"- $\frac{\partial E}{\partial w_{11}^{(1)}} = " in compact
    assert "the per-sample lines are written for sample 1" in compact
    # 2-4-1 with biases: 17 parameters, 5 units; one sample's lines + the means, not 16 samples'
    assert len(formula_lines(compact)) <= 130 < len(formula_lines(full))
    assert any(line.startswith("- $x_{1}[16] = ") for line in formula_lines(full))


def test_a_single_sample_export_is_the_same_compact_or_full():
    ctx = stepped(small_batch(1))
    assert markdown(ctx) == markdown(ctx, full=True)


# -- the picture -------------------------------------------------------------------------------------
def test_the_picture_holds_the_article_examples_numbers(tmp_path):
    ctx = stepped(article())
    root = ET.fromstring(network_svg(ctx))
    assert root.tag == f"{SVG}svg"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    h = article_by_hand()
    for value in (h["h1"], h["h2"], h["out"]):
        assert fmt(value) in texts, (fmt(value), texts)
    assert f"δ={fmt(h['d2'])}" in texts and f"δ={fmt(h['d1_1'])}" in texts
    assert "w₁₁⁽¹⁾=0.1000" in texts and "w₂₁⁽²⁾=-0.2000" in texts and "y=1.000" in texts
    assert any(f"E = {fmt(h['E'])}" in t for t in texts)
    assert len(list(root.iter(f"{SVG}circle"))) == 6 and len(list(root.iter(f"{SVG}line"))) == 8
    path = export(ctx, tmp_path / "step.md")
    assert "![The network with the values of this step](step.svg)" in path.read_text(encoding="utf-8")
    ET.parse(tmp_path / "step.svg")


def test_the_html_inlines_the_picture(tmp_path):
    page = html_document(stepped(article()))
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    assert "http" not in page and "<script" not in page
    texts = [t.text for t in ET.fromstring(svg).iter("text")]
    assert fmt(article_by_hand()["out"]) in texts


def test_a_wide_layer_is_capped_in_the_picture():
    ctx = stepped(small_batch(4, hidden=20))
    root = ET.fromstring(network_svg(ctx))
    assert len(list(root.iter(f"{SVG}circle"))) == 2 + MAX_UNITS + 1
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert f"+{20 - MAX_UNITS} more" in texts
    weights = [t for t in texts if t.startswith("w")]
    assert not [t for t in weights if "⁽¹⁾" in t], "16 connections into layer 1: too many to label legibly"
    assert len(set(weights)) == MAX_UNITS, "the 8 shown connections into the output are labelled"
    assert "sample 1 of the batch" in " ".join(texts)


def test_a_removed_connection_is_not_drawn_and_a_frozen_one_is_dashed():
    session = article()
    session.network.mask[0][2, 1] = False
    session.network.W[0][2, 1] = 0.0
    session.network.frozen_W[1][0, 0] = True
    root = ET.fromstring(network_svg(stepped(session)))
    lines = list(root.iter(f"{SVG}line"))
    assert len(lines) == 7 and sum(1 for l in lines if l.get("stroke-dasharray")) == 1


def test_too_big_a_step_is_refused_with_a_reason():
    session = small_batch(16, hidden=300)
    with pytest.raises(ValueError, match="lines"):
        markdown(stepped(session))
