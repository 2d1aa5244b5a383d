"""Fine stepping (core/explain/fine.py, fine_text.py, fine_cursor.py) on the article's 3-2-1 network.

Every tick's number is checked against the example worked out by hand here, one scalar formula a
line (the article's weights as resources/examples/article_3_2_1.json has them, as lessons 6 and 7
use them), in the order the ticks come; then that the ticks of a phase reveal exactly what the
phase computes, for the debugger (its refs) and for the computation graph (its nodes), and that
the cursor steps a session tick by tick, forwards and back, without Qt.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.explain import Ref, context_for, param_refs, refs_of
from backprop_studio.core.explain.fine import FINE_GRADIENTS, MAX_EDGES, ticks
from backprop_studio.core.explain.fine_cursor import FineCursor
from backprop_studio.core.explain.fine_text import keys, lines, value_keys
from backprop_studio.core.explain.graph import build_graph
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR
from backprop_studio.core.lessons.hiding import node_keys
from backprop_studio.core.training.session import Session, TrainingConfig

X, Y, ETA = [1.0, 0.5, -0.5], 1.0, 0.5
W01 = [[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]]     # row i: from input i; column j: to hidden unit j
W12 = [0.7, -0.2]                                # from hidden unit j to the output


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def by_hand() -> list[tuple[str, tuple, float]]:
    """(what, at, number) of every tick of the article's first step, in order, worked by hand."""
    out: list[tuple[str, tuple, float]] = []
    vout1, fp1 = [], []
    for j in range(2):                                        # forward layer 1, unit by unit
        terms = [W01[i][j] * X[i] for i in range(3)]
        out += [("term", (1, i, j), terms[i]) for i in range(3)]
        v_in = terms[0] + terms[1] + terms[2]
        out.append(("v_in", (1, j), v_in))
        vout1.append(sigmoid(v_in))
        fp1.append(vout1[j] * (1 - vout1[j]))
        out.append(("v_out", (1, j), vout1[j]))
    terms = [W12[j] * vout1[j] for j in range(2)]             # forward layer 2
    out += [("term", (2, j, 0), terms[j]) for j in range(2)]
    v_in2 = terms[0] + terms[1]
    y_hat = sigmoid(v_in2)
    out += [("v_in", (2, 0), v_in2), ("v_out", (2, 0), y_hat)]
    out.append(("loss", (), 0.5 * (Y - y_hat) ** 2))          # E = 1/2 (y - y_hat)^2
    dE_dyhat = y_hat - Y                                      # backward layer 2
    delta2 = dE_dyhat * y_hat * (1 - y_hat)
    out += [("dE_dyhat", (2, 0), dE_dyhat), ("delta", (2, 0), delta2)]
    grad2 = [vout1[j] * delta2 for j in range(2)]
    out += [("gradient", (1, j, 0), grad2[j]) for j in range(2)]
    delta1 = []
    for j in range(2):                                        # backward layer 1: one successor each
        share = W12[j] * delta2                               # w·δ = ∂E/∂v_out,j^(1)
        delta1.append(share * fp1[j])
        out += [("dE_dv_out", (1, j), share), ("delta", (1, j), delta1[j])]
    grad1 = [[X[i] * delta1[j] for j in range(2)] for i in range(3)]
    out += [("gradient", (0, i, j), grad1[i][j]) for j in range(2) for i in range(3)]
    out += [("update", (0, i, j), -ETA * grad1[i][j]) for j in range(2) for i in range(3)]
    out += [("update", (1, j, 0), -ETA * grad2[j]) for j in range(2)]
    return out


def test_the_hand_numbers_are_those_of_lessons_6_and_7():
    hand = {(what, at): v for what, at, v in by_hand()}
    assert round(hand["v_in", (1, 0)], 12) == -0.05 and round(hand["v_in", (1, 1)], 12) == 0.55
    assert round(hand["v_out", (2, 0)], 4) == 0.5534 and round(hand["delta", (2, 0)], 4) == -0.1104
    assert round(hand["dE_dv_out", (1, 0)], 5) == -0.07726 and round(hand["delta", (1, 0)], 5) == -0.0193
    assert round(hand["gradient", (1, 1, 0)], 5) == -0.06999 and round(hand["update", (1, 0, 0)], 4) == 0.0269


def article_session() -> Session:
    return project_file.load(EXAMPLES_DIR / "article_3_2_1.json")


def all_ticks(session: Session):
    """(phase, context, its ticks) for each phase of the session's next step, phase by phase."""
    out = []
    for _ in session.phases:
        rec = session.step_phase()
        ctx = context_for(session, rec)
        out.append((rec.phases[rec.phases_done - 1], ctx, ticks(ctx, rec.phases[rec.phases_done - 1])))
    return out


def test_every_tick_in_order_against_the_hand_worked_example():
    got = [(t.what, t.at, t.value) for _p, _c, phase in all_ticks(article_session()) for t in phase.ticks]
    hand = by_hand()
    assert [(what, at) for what, at, _v in got] == [(what, at) for what, at, _v in hand]
    for (what, at, value), (_w, _a, expected) in zip(got, hand):
        assert value == pytest.approx(expected, rel=1e-12, abs=1e-15), (what, at)
    counts = [len(phase) for _p, _c, phase in all_ticks(article_session())]
    assert counts == [10, 4, 1, 4, 10, 8]


def test_what_each_tick_lights():
    phases = {str(p): t.ticks for p, _c, t in all_ticks(article_session())}
    term = phases["forward layer 1"][2]                       # w_31^(1) x_3
    assert term.units == ((1, 0),) and term.edges == ((0, 2, 0),) and "mul1_2_0" in term.nodes
    assert term.edge_value == pytest.approx(0.5 * -0.5)
    share = phases["backward layer 1"][0]                     # ∂E/∂v_out,1^(1) = w_11^(2) δ^(2), one edge
    assert share.units == ((1, 0),) and share.edges == ((1, 0, 0),) and share.edge_value == share.value
    assert {"vout1_0", "mul2_0_0"} <= set(share.nodes)
    grad = phases["backward layer 1"][5]                      # ∂E/∂w_21^(1) = x_2 δ_1^(1)
    assert grad.at == (0, 1, 0) and grad.edges == ((0, 1, 0),) and grad.nodes[0] == "w0_1_0"


def test_the_formulas_print_the_hand_numbers():
    phases = {str(p): (ctx, t.ticks) for p, ctx, t in all_ticks(article_session())}
    ctx, b1 = phases["backward layer 1"]
    assert lines(ctx, b1[0])[0].render() == "∂E/∂v_out,1^(1) = w_11^(2) δ_1^(2) = 0.7000 × (-0.1104) = -0.07726"
    first, slope = lines(ctx, b1[1])
    assert first.render() == "δ_1^(1) = ∂E/∂v_out,1^(1) f'(v_in,1^(1)) = -0.07726 × 0.2498 = -0.01930"
    assert slope.render().endswith("= 0.4875 × (1 − 0.4875) = 0.2498")
    ctx, f1 = phases["forward layer 1"]
    assert lines(ctx, f1[2])[0].render() == "w_31^(1) x_3 = 0.5000 × (-0.5000) = -0.2500"
    assert lines(ctx, f1[2])[0].render(numbers=False) == "w_31^(1) x_3"
    ctx, b2 = phases["backward layer 2"]
    assert lines(ctx, b2[0])[0].render() == "∂E/∂ŷ = ŷ − y = 0.5534 − 1.000 = -0.4466"
    ctx, up = phases["update"]
    delta_w, after = lines(ctx, up[6])
    assert delta_w.render().endswith("= −0.5000 × (-0.05381) = 0.02690") and after.render().endswith("= 0.7269")


def expected_refs(ctx, phase) -> set[Ref]:
    """What the phase computes, as the debugger names it (sample 0, every kind it shows)."""
    net, kind, k = ctx.network, phase.kind, phase.layer
    if kind == "forward":
        return {Ref(n, k, j) for j in range(net.sizes[k]) for n in ("v_in", "v_out", "fprime")}
    if kind == "loss":
        return {Ref("loss"), Ref("batch_loss")}
    if kind == "backward":
        units = {Ref(n, k, j) for j in range(net.sizes[k]) for n in ("delta", "delta_mean")}
        return units | set(param_refs(ctx, k - 1, "grad")) | set(param_refs(ctx, k - 1, "contrib"))
    refs = {Ref("loss_after")}
    for k in range(net.depth):
        refs |= set(param_refs(ctx, k, "update")) | set(param_refs(ctx, k, "after"))
    return refs


def revealed_by(phase_ticks, candidates) -> dict[Ref, int]:
    return {r: n for r in candidates if (n := phase_ticks.tick_of(r)) is not None}


def every_value(ctx) -> set[Ref]:
    """Every value of the step the debugger can show (sample 0)."""
    out = {r for p in ("forward", "loss", "backward", "update") for r in refs_of(ctx, p)}
    out |= {Ref(n, k, j) for k in (1, 2) for j in range(ctx.network.sizes[k]) for n in ("fprime", "delta_mean")}
    out |= {Ref("loss_after"), Ref("batch_loss")}
    return out | {Ref("contrib", k, r.i, r.j, 0, r.bias) for k in (0, 1) for r in param_refs(ctx, k, "grad")}


def test_the_ticks_of_a_phase_reveal_exactly_what_it_computes():
    for phase, ctx, phase_ticks in all_ticks(article_session()):
        expected = expected_refs(ctx, phase)
        assert set(revealed_by(phase_ticks, every_value(ctx))) == expected, str(phase)
        in_layer = {r for r in refs_of(ctx, phase.kind)
                    if phase.layer is None or r.layer == phase.layer - (r.kind == "grad")}
        assert in_layer <= expected                             # what "why this number?" lists for it
        # every sample of a value comes with it (the items are sample-free)
        for ref in expected:
            other = Ref(ref.kind, ref.layer, ref.i, ref.j, 3, ref.bias, ref.key)
            assert phase_ticks.tick_of(other) == phase_ticks.tick_of(ref)


def test_the_ticks_reveal_exactly_the_graph_nodes_the_phase_computes():
    session = article_session()
    for n, (phase, ctx, phase_ticks) in enumerate(all_ticks(session), start=1):
        graph = build_graph(ctx.record, ctx.network, ctx.loss, max_weights=100, max_units=100)
        for node in graph.nodes.values():
            value_key, grad_key = node_keys(node, 0)
            if value_key is not None:
                assert (phase_ticks.tick_of(value_key) is not None) == (node.value_phase == n), (node.id, str(phase))
            if grad_key is not None:
                assert (phase_ticks.tick_of(grad_key) is not None) == (node.grad_phase == n), (node.id, str(phase))
        folded = build_graph(ctx.record, ctx.network, ctx.loss, max_weights=0)   # with Σ nodes
        drawn = set(graph.nodes) | set(folded.nodes)
        assert {node_id for t in phase_ticks.ticks for node_id in t.nodes} <= drawn, str(phase)


def test_the_cursor_steps_a_session_tick_by_tick_and_back():
    session, cursor = article_session(), FineCursor()
    assert cursor.reveal(session) is None                     # before the step: nothing to reveal
    seen = []
    for _ in range(37):                                       # F11, as gui/fine_stepping.py presses it
        if not cursor.advance(session):
            cursor.arm(session)
            session.step_phase()
            cursor.settle(session)
        shown = cursor.reveal(session)
        seen.append((str(shown.phase), shown.tick.what, shown.tick.at))
    assert [(w, a) for _p, w, a in seen] == [(w, a) for w, a, _v in by_hand()]
    assert session.step_count == 1 and cursor.reveal(session).at_end
    assert not cursor.advance(session)                        # the next F11 starts step 2
    # Shift+F9: a tick back, down to the update's first tick, then a phase back
    for _ in range(7):
        assert cursor.retreat(session)
    assert cursor.reveal(session).index == 0 and not cursor.retreat(session)
    assert session.back_phase() and cursor.reveal(session) is None     # that phase is shown whole
    assert cursor.retreat(session)                            # ... until Shift+F9 takes its last tick
    shown = cursor.reveal(session)
    assert str(shown.phase) == "backward layer 1" and shown.index == 8
    assert shown.hides(Ref("grad", 0, 2, 1)) and shown.shown(Ref("grad", 0, 1, 1))
    assert shown.hides(Ref("contrib", 0, 2, 1, 0)) and not shown.hides(Ref("delta", 1, 1))


def test_a_position_reached_otherwise_is_shown_whole():
    session, cursor = article_session(), FineCursor()
    cursor.arm(session)
    session.step_phase()
    cursor.settle(session)
    assert cursor.reveal(session).index == 0
    session.step_phase()                                      # a phase run without the cursor (F11 off)
    assert cursor.reveal(session) is None
    session.step()                                            # and a whole step
    assert cursor.reveal(session) is None and not cursor.advance(session)


def wide_session(inputs: int, hidden: int, loss: str = "half_sse", out: str = "sigmoid", batch: int = 1):
    net = build([inputs, hidden, 1], ["tanh", out], seed=3)
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(4, inputs)), rng.integers(0, 2, size=(4, 1)).astype(float))
    return Session(net, data, TrainingConfig(loss=loss, batch_size=batch))


def test_a_wide_layer_is_cut_per_unit():
    session = wide_session(MAX_EDGES + 8, 5)
    phases = {str(p): t for p, _c, t in all_ticks(session)}
    forward = phases["forward layer 1"]
    assert [t.what for t in forward.ticks] == ["v_in", "v_out"] * 5          # no term ticks for 20 inputs
    assert forward.tick_of(Ref("product", 1, 17, 3)) == 6                    # the products come with the sum
    backward = phases["backward layer 1"]
    grads = [t for t in backward.ticks if t.what == "gradient"]
    assert 20 * 5 + 5 > FINE_GRADIENTS and len(grads) == 5 and all(t.whole for t in grads)
    assert backward.tick_of(Ref("grad", 0, 13, 2)) == backward.ticks.index(grads[2])
    assert backward.tick_of(Ref("grad", 0, 0, 2, bias=True)) == backward.ticks.index(grads[2])
    assert len(phases["update"]) == 5 + 1                                    # per unit: 106 parameters


def test_a_fused_loss_has_no_dE_dyhat_tick_and_its_delta_reveals_it():
    session = wide_session(2, 2, loss="bce", batch=2)
    phases = {str(p): t for p, _c, t in all_ticks(session)}
    out = phases["backward layer 2"]
    assert [t.what for t in out.ticks][:1] == ["delta"]
    assert out.tick_of(Ref("dE_dv_out", 2, 0, 0, 1)) == 0 and out.tick_of(Ref("delta_mean", 2, 0)) == 0
    hidden = phases["backward layer 1"]
    assert hidden.tick_of(Ref("dE_dv_out", 0, 1, 0, 0)) == len(hidden) - 1   # ∂E/∂x with the last tick


def test_keys_name_every_number_a_tick_prints():
    phases = {str(p): (ctx, t.ticks) for p, ctx, t in all_ticks(article_session())}
    ctx, b1 = phases["backward layer 1"]
    assert value_keys(b1[0]) == [Ref("dE_dv_out", 1, 0), Ref("delta", 2, 0)]          # one successor: w·δ
    printed = keys(ctx, b1[1])
    assert Ref("delta", 1, 0) in printed and Ref("dE_dv_out", 1, 0) in printed and Ref("fprime", 1, 0) in printed
    ctx, f1 = phases["forward layer 1"]
    assert value_keys(f1[0]) == [Ref("product", 1, 0, 0)]


def test_the_revealed_condition_waits_for_the_tick():
    from backprop_studio.core.lessons import Live, condition_met
    from backprop_studio.core.lessons.model import Condition, Value

    until = Condition("revealed", Value("delta", 1, 2))          # δ_2^(1), the 8th tick of backward layer 1
    session, cursor = article_session(), FineCursor()
    presses = 0
    while not condition_met(until, Live(session=session, fine=cursor.reveal(session))):
        if not cursor.advance(session):
            cursor.arm(session)
            session.step_phase()
            cursor.settle(session)
        presses += 1
    assert presses == 10 + 4 + 1 + 4 + 4                        # by_hand(): δ_2^(1) is tick 23
    assert by_hand()[presses - 1][:2] == ("delta", (1, 1))
    whole = article_session()                                    # without fine stepping: the phase
    for _ in range(4):
        whole.step_phase()
    assert not condition_met(until, Live(session=whole))
    whole.step_phase()
    assert condition_met(until, Live(session=whole))
