"""Which phase computes which value (core.explain.phases), the rule the debugger and the graph read.

Checked two ways: against a table written by hand from the article's order of a step, and
against the engine's own record: stepping the xor example (2-4-1, a batch, momentum) phase by
phase, the values a phase makes known are exactly the values :func:`phase_of` names for it.
"""
from __future__ import annotations

import copy

from backprop_studio.core.explain import Ref, context_for, param_refs, value_of
from backprop_studio.core.explain.context import preview_record
from backprop_studio.core.explain.phases import is_new, newly_known, phase_number, phase_of
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR
from backprop_studio.core.training.records import Phase


def test_each_kind_of_value_has_the_phase_the_article_computes_it_in():
    by_hand = {
        Ref("x"): None, Ref("y"): None, Ref("param", 1, 0, 0): None, Ref("v_in", 0): None,
        Ref("v_in", 1): Phase("forward", 1), Ref("v_out", 2): Phase("forward", 2),
        Ref("fprime", 2): Phase("forward", 2),
        Ref("loss"): Phase("loss"), Ref("batch_loss"): Phase("loss"),
        Ref("delta", 2): Phase("backward", 2), Ref("delta_mean", 1): Phase("backward", 1),
        Ref("grad", 0, 1, 1): Phase("backward", 1),            # ∂E/∂w^(1): needs δ^(1)
        Ref("grad", 1, 0, 0, bias=True): Phase("backward", 2),   # ∂E/∂b^(2): needs δ^(2)
        Ref("contrib", 1, 2, 0): Phase("backward", 2),
        Ref("update", 0): Phase("update"), Ref("after", 1): Phase("update"),
        Ref("state", 0, key="momentum_buffer"): Phase("update"), Ref("loss_after"): Phase("update"),
    }
    assert {ref: phase_of(ref) for ref in by_hand} == by_hand


def test_phase_numbers_count_the_phases_of_a_two_layer_step():
    # forward 1, forward 2, loss, backward 2, backward 1, update
    numbers = [phase_number(p, 2) for p in (Phase("forward", 1), Phase("forward", 2), Phase("loss"),
                                            Phase("backward", 2), Phase("backward", 1), Phase("update"))]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert phase_number(None, 2) == 0
    assert newly_known(4, 4) and not newly_known(3, 4) and not newly_known(0, 0)


def _refs(ctx) -> list[Ref]:
    """Every value of the step (both samples' units, every parameter kind), written out here."""
    net, out = ctx.network, [Ref("batch_loss"), Ref("loss_after")]
    for s in range(ctx.batch):
        out.append(Ref("loss", sample=s))
        for k in range(net.depth + 1):
            for j in range(net.sizes[k]):
                out += [Ref(kind, k, j, 0, s) for kind in ("v_in", "v_out", "fprime", "delta")]
    for k in range(net.depth):
        for kind in ("param", "grad", "contrib", "update", "after"):
            out += param_refs(ctx, k, kind)
        out += [Ref("state", r.layer, r.i, r.j, bias=r.bias, key="momentum_buffer") for r in param_refs(ctx, k, "grad")]
    return out


def _known(ctx, refs: list[Ref]) -> set[Ref]:
    return {ref for ref in refs if value_of(ctx, ref) is not None}


def test_what_each_phase_of_a_real_step_records_is_what_the_rule_says():
    session = project_file.load(EXAMPLES_DIR / "xor.json")
    config = copy.deepcopy(session.config)
    config.optimizer, config.optimizer_params = "sgd", {"learning_rate": 0.1, "momentum": 0.9}
    session.set_config(session.check_config(config))
    session.step()                                    # a momentum buffer exists from here on
    before = context_for(session, preview_record(session))
    refs = _refs(before)
    known = _known(before, refs)
    assert {phase_of(r) for r in known} == {None}     # x, y, the parameters (and layer 0's v = x)
    phases = []
    while not phases or not session.record.complete:
        session.step_phase()
        ctx = context_for(session)
        last = ctx.record.current_phase
        now = _known(ctx, refs)
        assert now - known == {r for r in refs if is_new(r, last)} != set(), last
        known = now
        phases.append(last)
    assert phases == ctx.record.phases and len(phases) == 6    # forward 1, 2, loss, backward 2, 1, update
