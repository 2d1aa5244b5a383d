"""What an open question hides: the one rule every view asks before it prints a number.

While a lesson's question is open its answer must not be readable anywhere in the window.  No
view decides that for itself: each names the number it is about to print by a *key* and asks
:meth:`Secrets.hides` (in the app through ``studio.hidden``, gui/hidden_values.py, which also
applies exercise mode).  A hidden number is printed as :data:`SHOWN_INSTEAD`.

Keys
----
A network value is keyed by the debugger's :class:`~core.explain.refs.Ref` (kind, layer k, unit
or row i, column j, sample s, bias; 0-based) with the kinds of refs.py, and five kinds that only
some views print:

==============  ==========================================================================
``weight``      a parameter as the network holds it now (editor labels, the inspector): the
                value before the step's update until the update is applied, then the value after
``product``     w_ij^(k) v_out,i^(k-1) of sample s: ``Ref("product", k, i, j, s)``
``weighted_sum``  Σ_i w_ij^(k) v_out,i^(k-1) = v_in,j^(k) − b_j^(k): ``Ref("weighted_sum", k, j, 0, s)``
``loss_term``   E_j, output j's term of the loss: ``Ref("loss_term", 0, j, 0, s)``
``dE_dv_out``   ∂E/∂v_out,i^(k) (∂E/∂ŷ_i at the output, ∂E/∂x_i at k = 0): ``Ref("dE_dv_out", k, i, 0, s)``
==============  ==========================================================================

A number of a function view is a :class:`FunctionValue`; a hover readout, which computes its
numbers wherever the pointer is (so possibly at the asked point), is a :class:`Hover`.
:func:`node_keys` keys the nodes of the computation graph (core/explain/graph.py).

What counts as the same value
-----------------------------
A question hides its value and every number from which the value can be read off *at once*:
the same number under another name, or a number computed *from* the value that gives it back
with one addition, subtraction, multiplication or division by a number on show.  The numbers
the value is computed *from* stay on show: they are what the learner works with (asked
Δw = −η ∂E/∂w, ∂E/∂w stays).  Per asked value (same sample, same parameter):

================  ===========================================================================
v_in,j^(k)        v_out,j^(k) (f is the identity on it for a linear unit, and ReLU above 0);
                  the weighted sum (v_in − b)
v_out,i^(k)       the products w_ij^(k+1) v_out,i^(k) (÷ w); at the output (ŷ_i), ∂E/∂ŷ_i
                  (ŷ − y for the squared error)
E, a sample's     the batch loss (the status bar's and the debugger's loss line: equal for one
loss              sample), the loss terms E_j (their sum is E)
the batch loss    every sample's loss and loss term
δ_j^(k)           the batch's mean δ_j^(k); ∂E/∂b_j^(k) (= δ) and ∂E/∂w_ij^(k) of every weight
                  into the unit (v_out,i δ_j), with each sample's share; ∂E/∂v_out,i^(k-1)
                  (Σ_j w_ij δ_j: one product for one unit); the unit's own ∂E/∂v_out,j^(k)
                  (δ_j = ∂E/∂v_out,j f'(v_in,j): the same number for a linear or active ReLU unit)
∂E/∂p             each sample's share of it (equal for one sample); the update Δp (−η ∂E/∂p
                  for plain gradient descent)
Δp                p after the update (p + Δp) and the weight as the network holds it now
p after update    Δp (after − before) and the weight as the network holds it now
x_T (a function   x_T (a printed point hides both coordinates); the step ε_{T−1} = x_T − x_{T−1};
view)             f(x_T), ∇f(x_T) and ε_T, computed from x_T (f'(x_T) = 2 x_T on a parabola)
f'(x_T), ∇f(x_T)  the same; the step ε_T (−η f'(x_T) for plain gradient descent)
f(x_T)            the same (the 1-D readout also prints it as "the true value" at t = T − 1)
a hover readout   hidden while any value of its kind is: ``Hover("function2d")`` any 2-D
                  function value; ``Hover("output")`` an output ŷ; ``Hover("loss")`` a loss
================  ===========================================================================

A path that stopped early shows its end for every later step (:attr:`FunctionValue.last`).
Hiding a little more than needed is harmless: with a batch of several samples the editor's
batch mean of v_in is keyed as sample 1's, and the batch loss hides every sample's loss.

Which questions hide now
------------------------
:func:`secrets_at`: at a lesson's step, its own question until it is done (answered right,
revealed after the tries, or shown), and every later question of the lesson not yet done that
asks about *the same computation*: the same project at the same training step, or the same
descent of a function view (function, start, optimizer and hyperparameters; a step's settings
are not compared, so at worst a number stays hidden a little longer).  A step may show the
numbers a later step asks for: lesson 1's first step shows f'(x_0), which step 2 asks.

Every kind of question hides what it asks about (:attr:`core.lessons.model.Question.asked`): a
typed number's, a sign's or a predicted number's VALUE, every VALUE a largest/smallest choice
compares, and for a question on a step t -> t+1 of a function view (which way x moves, where it
lands) x_t+1 whole, with the step ε_t that gives it; f'(x_t), what one reasons from, stays on
show.  An order or reach question hides nothing.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.explain.context import context_for, preview_record, value_of
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.training.session import Session

from .model import Lesson, Question, State, Value
from .values import ref_of

SHOWN_INSTEAD = "?"
GIVEN_KINDS = frozenset({"x", "y", "param", "weight"})   # exercise mode shows these (gui/hidden_values.py)


@dataclass(frozen=True)
class FunctionValue:
    """A number a function view prints: ``kind`` x, f, gradient (a lesson's kinds) or step
    (ε_t = x_t+1 − x_t), or the point x_t ``drawn`` on a plot (hidden only by a question on
    where a step lands), at step ``t`` of run ``run`` (1-based; the 1-D view has one run);
    ``coordinate`` 1 or 2, or 0 for a point or gradient printed whole; ``last``: the path's
    end, which the view shows for every later step too."""

    view: str
    kind: str
    t: int
    run: int = 1
    coordinate: int = 0
    last: bool = False


@dataclass(frozen=True)
class Hover:
    """A readout computed at the pointer: ``view`` function1d, function2d, output (ŷ at an input
    point) or loss (E at a point of the parameters)."""

    view: str


Key = Ref | FunctionValue | Hover


@dataclass(frozen=True)
class Secrets:
    """The values a lesson keeps hidden now (resolved to keys), and the rule for everything else.

    ``output_layer``: L of the network the refs were resolved in (which v_out is ŷ)."""

    asked: tuple[Ref | FunctionValue, ...] = ()
    output_layer: int = 0

    def hides(self, key: Key) -> bool:
        """Whether a view must print :data:`SHOWN_INSTEAD` instead of the number ``key`` names."""
        return any(_hides(a, key, self.output_layer) for a in self.asked)


NOTHING = Secrets()


# -- the rule --------------------------------------------------------------------------------------
def _hides(asked: Ref | FunctionValue, shown: Key, L: int) -> bool:
    if isinstance(shown, Hover):
        if isinstance(asked, FunctionValue):
            return shown.view == asked.view
        return ((shown.view == "output" and asked.kind == "v_out" and asked.layer == L)
                or (shown.view == "loss" and asked.kind in ("loss", "batch_loss")))
    if isinstance(asked, FunctionValue) or isinstance(shown, FunctionValue):
        return isinstance(asked, FunctionValue) and isinstance(shown, FunctionValue) and _function(asked, shown)
    return asked == shown or _network(asked, shown, L)


def _function(a: FunctionValue, s: FunctionValue) -> bool:
    if (a.view, a.run) != (s.view, s.run):
        return False
    at = a.t == s.t or (s.last and s.t <= a.t)
    if s.kind == "drawn":               # a point drawn on a plot: hidden where a step lands is asked
        return a.kind == "x" and a.coordinate == 0 and at      # (a plot is not read to three digits)
    if s.kind == a.kind:                # (an asked coordinate 0: the whole point, where a step goes)
        return at and (s.coordinate in (0, a.coordinate) or a.coordinate == 0)
    if a.kind == "x" and at:         # f, f' and the step at x_T are computed from it
        return True
    if s.kind == "step":             # ε_t = x_t+1 − x_t = −η f'(x_t) for plain gradient descent
        return (a.kind == "x" and s.t == a.t - 1) or (a.kind == "gradient" and s.t == a.t)
    return False


def _same_param(a: Ref, s: Ref) -> bool:
    return (a.layer, a.i, a.j, a.bias) == (s.layer, s.i, s.j, s.bias)


def _same_unit(a: Ref, s: Ref) -> bool:
    return (a.layer, a.i, a.sample) == (s.layer, s.i, s.sample)


def _network(a: Ref, s: Ref, L: int) -> bool:
    """The table of the module docstring, for a network value ``a`` asked and ``s`` shown."""
    kind, shown = a.kind, s.kind
    if kind == "v_in":
        return shown in ("v_out", "weighted_sum") and _same_unit(a, s)
    if kind == "weighted_sum":
        return shown == "v_in" and _same_unit(a, s)
    if kind == "v_out":
        into_next = shown == "product" and (s.layer, s.i, s.sample) == (a.layer + 1, a.i, a.sample)
        return into_next or (a.layer == L and shown == "dE_dv_out" and _same_unit(a, s))
    if kind == "loss":
        return shown == "batch_loss" or (shown == "loss_term" and s.sample == a.sample)
    if kind == "batch_loss":
        return shown in ("loss", "loss_term")
    if kind in ("delta", "delta_mean"):
        return _from_delta(a, s)
    if kind in ("grad", "contrib"):
        return shown in ("grad", "contrib", "update") and _same_param(a, s)
    if kind in ("update", "after"):
        return shown in ("update", "after", "weight") and _same_param(a, s)
    if kind == "param":
        return shown == "weight" and _same_param(a, s)
    return False


def _from_delta(a: Ref, s: Ref) -> bool:
    """δ_j^(k) (``a.i`` is j) and what gives it back: the batch mean or the sample's δ, the
    gradients of the parameters into unit j (W^(k-1→k)[:, j], b^(k)_j), ∂E/∂v_out^(k-1)."""
    shown, one_sample = s.kind, a.kind == "delta"
    if shown in ("delta", "delta_mean"):
        return (s.layer, s.i) == (a.layer, a.i)
    if shown in ("grad", "contrib"):
        share = shown == "grad" or not one_sample or s.sample == a.sample
        return (s.layer, s.j) == (a.layer - 1, a.i) and share
    if shown == "dE_dv_out":
        # ∂E/∂v_out^(k-1) = W δ^(k); and the unit's own ∂E/∂v_out,j^(k) = δ_j / f'(v_in,j), the
        # same number where f' = 1 (a linear or active ReLU unit: lesson 5's output)
        same_sample = not one_sample or s.sample == a.sample
        return (s.layer == a.layer - 1 or (s.layer, s.i) == (a.layer, a.i)) and same_sample
    return False


# -- the computation graph's nodes -------------------------------------------------------------------
_NODE_ID = re.compile(r"(mul|sum|term|vout|x)(\d+)(?:_(\d+))?(?:_(\d+))?$")


def node_keys(node: Any, sample: int) -> tuple[Key | None, Key | None]:
    """(key of the node's value, key of its gradient ∂E/∂node) for a node of
    :func:`core.explain.graph.build_graph` drawn for ``sample``; None for a number no question can
    ask (∂E/∂E = 1).  The graph calls ``studio.hidden.text(key, shown)`` with these, once per text."""
    m = _NODE_ID.match(node.id)
    kind, nums = (m.group(1), [int(n) for n in m.groups()[1:] if n is not None]) if m else ("", [])
    s = sample
    if kind == "mul":                                 # mul{k}_{i}_{j}: its gradient is δ_j^(k)
        k, i, j = nums
        return Ref("product", k, i, j, s), Ref("delta", k, j, 0, s)
    if kind == "sum":                                 # sum{k}_{j}: Σ_i w_ij v_i, gradient δ_j^(k)
        k, j = nums
        return Ref("weighted_sum", k, j, 0, s), Ref("delta", k, j, 0, s)
    if kind == "term":
        return Ref("loss_term", 0, nums[0], 0, s), None
    if kind in ("vout", "x"):
        k, i = (0, nums[0]) if kind == "x" else nums
        return node.ref, Ref("dE_dv_out", k, i, 0, s)
    if node.op == "loss":
        return node.ref, None
    return node.ref, node.grad_ref                     # v_in (gradient δ), parameters (∂E/∂p)


# -- which questions hide now ---------------------------------------------------------------------
def secrets_at(lesson: Lesson, index: int, done: Collection[int], session: Session | None) -> Secrets:
    """What step ``index`` of ``lesson`` keeps hidden (see the module docstring); ``done``: the
    steps whose task is done; ``session``: the live network (to name its values)."""
    ctx = None
    asked: list[Ref | FunctionValue] = []
    for j in range(index, len(lesson.steps)):
        task = lesson.steps[j].task
        if not isinstance(task, Question) or j in done:
            continue
        for spec in _asked(task, _state_of(lesson, j, task.move.view) if task.move else None):
            if j > index and _computation(lesson, j, spec) != _computation(lesson, index, spec):
                continue
            if ctx is None and spec.view is None and session is not None:   # (only when needed:
                ctx = context_for(session) or context_for(session, preview_record(session))  # runs call this)
            keys = _keys(spec, ctx, _state_of(lesson, j))
            if spec not in task.asked:               # a move's x_t+1: the whole point
                keys = [dataclasses.replace(k, coordinate=0) for k in keys if isinstance(k, FunctionValue)]
            asked += [key for key in keys if key not in asked]
    return Secrets(tuple(asked), ctx.network.depth if ctx is not None else 0)


def _asked(task: Question, state: State | None) -> list[Value]:
    """The values a question asks about, every kind (:attr:`Question.asked`), and for a
    question on a step t -> t+1 of a function view's descent its x_t+1 (t None: the t of the
    view ``state`` loads; the 2-D view's questions give their t)."""
    out = list(task.asked)
    move = task.move
    if move is not None:
        t = move.t
        if t is None and state is not None and state.function1d is not None:
            t = state.function1d.t
        if t is not None:
            out.append(Value("x", view=move.view, t=t + 1, run=move.run))
    return out


def _state_of(lesson: Lesson, j: int, part: str | None = None) -> State | None:
    """The state step j shows: its own, or the last one before it (that has ``part``)."""
    for i in range(j, -1, -1):
        state = lesson.steps[i].state
        if state is not None and (part is None or getattr(state, part) is not None):
            return state
    return None


def _computation(lesson: Lesson, j: int, value: Value) -> object:
    """What step j computes ``value`` from: (project, training step), or a function view's
    descent (a 1-D descent without its shown t); None when nothing is loaded."""
    if value.view is None:
        state = _state_of(lesson, j, "project")
        return None if state is None else (state.project, state.step)
    state = _state_of(lesson, j, value.view)
    if state is None:
        return None
    spec = getattr(state, value.view)
    return dataclasses.replace(spec, t=0) if value.view == "function1d" else spec


def _keys(value: Value, ctx: Any, state: State | None) -> list[Ref | FunctionValue]:
    """The key of a lesson's VALUE in the live state (none when it has none there), and the
    other name of a unit's v_in or v_out when f passes v_in through (:func:`_passed_through`)."""
    if value.view is not None:
        t = value.t
        if t is None and state is not None:
            spec = getattr(state, value.view)
            t = None if spec is None else (spec.t if value.view == "function1d" else spec.steps)
        return [] if t is None else [FunctionValue(value.view, value.kind, t, value.run, value.coordinate)]
    if ctx is None:
        return []
    try:
        ref = ref_of(value, ctx, ctx.network.sizes, "value")
    except InputError:
        return []
    other = _passed_through(ref, ctx)
    return [ref] if other is None else [ref, other]


def _passed_through(ref: Ref, ctx: Any) -> Ref | None:
    """v_in,j^(k) and v_out,j^(k) are one number when f passes v_in through (a linear unit, ReLU
    above 0): then an asked v_out hides v_in too (lesson 5 asks ŷ of a ReLU output), and the
    other way round.  Otherwise v_in stays on show when v_out is asked: it is what v_out is
    computed from."""
    if ref.kind not in ("v_in", "v_out") or ref.layer == 0:
        return None
    other = Ref("v_out" if ref.kind == "v_in" else "v_in", ref.layer, ref.i, 0, ref.sample)
    try:
        a, b = value_of(ctx, ref), value_of(ctx, other)
    except (IndexError, KeyError, TypeError):
        return None
    return other if a is not None and a == b else None
