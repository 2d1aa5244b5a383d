"""The stepper's phases as functions (core.training.phases), on the article's 3-2-1 example.

Every expected number comes from the scalar hand computation of test_article_example
(one line per formula), never from the engine.
"""
from __future__ import annotations

from typing import TypeVar

import numpy as np
import pytest

from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.training.batches import Batch
from backprop_studio.core.training.phases import (
    StepRules,
    backward_phase,
    begin_step,
    forward_phase,
    loss_phase,
    undo_phase,
    update_phase,
    whole_step,
)
from backprop_studio.core.training.records import Phase, StepRecord, phases_of

from .test_article_example import ETA, W01, W12, X, Y, article_network, by_hand, updated

T = TypeVar("T")
HALF_SSE = LOSSES["half_sse"]
SGD = OPTIMIZERS["sgd"]
HP = SGD.hyper({"learning_rate": ETA})


def filled(value: T | None) -> T:
    """A record field the phases have filled in."""
    assert value is not None
    return value


def fresh(eta: float = ETA, x: list[float] = X) -> StepRecord:
    """Step 1 of the example, before its first phase."""
    net = article_network()
    batch = Batch(np.array([0]), np.array([x]), np.array([[Y]]), (1, 0, np.arange(1), {}))
    return begin_step(net, batch, 1, 0, eta, phases_of(2), SGD.init_state(net.parameters(), HP))


def test_each_phase_computes_the_articles_numbers() -> None:
    h, net, rec = by_hand(W01, W12), article_network(), fresh()
    assert forward_phase(net, rec, 1) is None and rec.phases_done == 1
    assert rec.v_in[1][0] == pytest.approx([h["v_in1_1"], h["v_in1_2"]], rel=1e-14)
    assert rec.v_out[1][0] == pytest.approx([h["v_out1_1"], h["v_out1_2"]], rel=1e-14)
    assert forward_phase(net, rec, 2) is None
    assert rec.v_in[2][0, 0] == pytest.approx(h["v_in2"], rel=1e-14)
    assert rec.v_out[2][0, 0] == pytest.approx(h["y_hat"], rel=1e-14)
    assert loss_phase(net, rec, HALF_SSE) is None
    assert rec.loss == pytest.approx(h["E"], rel=1e-14) and filled(rec.losses).shape == (1,)
    assert backward_phase(net, rec, 2, HALF_SSE, masked=False) is None
    assert filled(rec.delta[2])[0, 0] == pytest.approx(h["delta2"], rel=1e-14)
    assert filled(rec.dE_dW[1])[:, 0] == pytest.approx([h["dW12_1"], h["dW12_2"]], rel=1e-14)
    assert rec.delta[1] is None          # layer 1 is the next backward phase
    assert backward_phase(net, rec, 1, HALF_SSE, masked=False) is None
    assert filled(rec.delta[1])[0] == pytest.approx([h["delta1_1"], h["delta1_2"]], rel=1e-14)
    for i in range(3):
        for j in range(2):
            assert filled(rec.dE_dW[0])[i, j] == pytest.approx(h[f"dW01_{i + 1}{j + 1}"], rel=1e-14)
    assert update_phase(rec, SGD, HP, [None, None, None, None]) is None
    assert rec.complete and rec.phases_done == 6
    w01, w12 = updated(h, ETA)
    np.testing.assert_allclose(filled(rec.params_after)[0], w01, rtol=1e-14)
    np.testing.assert_allclose(filled(rec.params_after)[2], w12, rtol=1e-14)
    # a phase changes only the record: the network keeps W until the session commits the step
    np.testing.assert_array_equal(net.W[0], W01)


def test_trainable_masks_keep_a_frozen_weight() -> None:
    net, rec = article_network(), fresh()
    for k in (1, 2):
        forward_phase(net, rec, k)
    loss_phase(net, rec, HALF_SSE)
    for k in (2, 1):
        backward_phase(net, rec, k, HALF_SSE, masked=False)
    keep_first = np.ones((3, 2))
    keep_first[0, 0] = 0.0              # W^(0->1)_11 frozen
    update_phase(rec, SGD, HP, [keep_first, None, None, None])
    w01, _ = updated(by_hand(W01, W12), ETA)
    assert filled(rec.params_after)[0][0, 0] == W01[0][0]
    assert filled(rec.params_after)[0][1, 1] == pytest.approx(w01[1][1], rel=1e-14)


def test_whole_step_is_the_phases_bit_for_bit() -> None:
    net = article_network()
    by_phase, at_once = fresh(), fresh()
    for k in (1, 2):
        forward_phase(net, by_phase, k)
    loss_phase(net, by_phase, HALF_SSE)
    for k in (2, 1):
        backward_phase(net, by_phase, k, HALF_SSE, masked=False)
    update_phase(by_phase, SGD, HP, [None] * 4)
    rules = StepRules(net, HALF_SSE, SGD, HP, [False, False], [None] * 4)
    assert whole_step(at_once, rules) and at_once.complete
    assert at_once.loss == by_phase.loss
    for a, b in zip(filled(at_once.params_after) + at_once.v_out,
                    filled(by_phase.params_after) + by_phase.v_out):
        assert np.array_equal(a, b)


def test_undo_phase_takes_each_phase_back_out() -> None:
    net, rec = article_network(), fresh()
    for k in (1, 2):
        forward_phase(net, rec, k)
    loss_phase(net, rec, HALF_SSE)
    backward_phase(net, rec, 2, HALF_SSE, masked=False)
    undo_phase(rec)
    assert rec.phases_done == 3 and rec.delta[2] is None and rec.dE_dW[1] is None
    undo_phase(rec)
    assert rec.loss is None and rec.losses is None
    undo_phase(rec)
    assert len(rec.v_in) == 2 and len(rec.v_out) == 2 and rec.phases_done == 1
    assert forward_phase(net, rec, 2) is None and rec.v_out[2][0, 0] == pytest.approx(
        by_hand(W01, W12)["y_hat"], rel=1e-14)


def test_a_non_finite_value_is_named_and_the_record_is_left_as_it_was() -> None:
    net, rec = article_network(), fresh(x=[np.inf, 0.5, -0.5])
    with np.errstate(all="ignore"):      # as the session calls the phases
        bad = forward_phase(net, rec, 1)
    assert bad is not None and (bad.step, bad.phase, bad.layer, bad.quantity) == (
        1, Phase("forward", 1), 1, "v_in")
    assert rec.phases_done == 0 and len(rec.v_in) == 1
    rec = fresh(eta=float("inf"))
    for k in (1, 2):
        forward_phase(net, rec, k)
    loss_phase(net, rec, HALF_SSE)
    for k in (2, 1):
        backward_phase(net, rec, k, HALF_SSE, masked=False)
    bad = update_phase(rec, SGD, HP, [None] * 4)
    assert bad is not None and bad.quantity == "the learning rate (from the schedule)"
    assert rec.params_after is None and rec.phases_done == 5
