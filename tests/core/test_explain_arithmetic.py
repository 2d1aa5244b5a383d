""""Why this number?" prints each substituted value with enough digits that its arithmetic holds
as printed (issue 25, item 11).

Before: every value was rounded to four significant digits, so a line such as
``f'(v_in,1^(1)[1]) = 1 − 1.000² = 6.446e-05`` printed arithmetic that is false.  Here each
printed line is read back *as text*: its numbers part is turned into a Python expression and
computed with a small evaluator of this test's own (Python's ``ast``, a whitelist of operators
and functions), and the result must equal the printed result to the precision it is printed
with (half a unit in its last digit).  Over random networks of every activation, loss and
optimizer (saturated units included), and every kind of value an explanation is given for.
"""
from __future__ import annotations

import ast
import math
import re

import numpy as np
import pytest

from backprop_studio.core import build
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.regularisation import Regularisation
from backprop_studio.core.explain import Ref, context_for, explain, refs_of
from backprop_studio.core.training.session import Session, TrainingConfig

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu"]
OUTPUTS = {"half_sse": ["identity", "sigmoid", "tanh", "softmax"], "mse": ["identity", "tanh", "softmax"],
           "bce": ["sigmoid", "softmax"], "cross_entropy": ["softmax", "sigmoid"]}
OPTIMIZERS = [("sgd", {"learning_rate": 0.5}), ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
              ("sgd", {"learning_rate": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
              ("adagrad", {"learning_rate": 0.1, "lr_decay": 0.01, "weight_decay": 0.01}),
              ("rmsprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.5}),
              ("adam", {"learning_rate": 0.01, "amsgrad": True}), ("adamw", {"learning_rate": 0.01})]
FUNCTIONS = {"exp": math.exp, "log": math.log, "tanh": math.tanh, "sqrt": math.sqrt, "max": max,
             "sign": lambda v: float(np.sign(v))}


# -- this test's own reading of a printed line -----------------------------------------------------
def as_python(numbers: str) -> str:
    """The numbers part of a printed line as a Python expression."""
    text = numbers.replace("×", "*").replace("−", "-").replace("²", "**2").replace("^", "**")
    text = text.replace("√(", "sqrt(").replace("ln(", "log(")
    return re.sub(r"(\d)\s+\(", r"\1*(", text)          # "1/2 (y - ŷ)²": a product


def compute(node: ast.AST) -> float:
    if isinstance(node, ast.Expression):
        return compute(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = compute(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        a, b = compute(node.left), compute(node.right)
        ops = {ast.Add: a.__add__, ast.Sub: a.__sub__, ast.Mult: a.__mul__, ast.Div: a.__truediv__,
               ast.Pow: a.__pow__}
        return float(ops[type(node.op)](b))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        return float(FUNCTIONS[node.func.id](*(compute(a) for a in node.args)))
    raise LookupError(ast.dump(node))      # not arithmetic this test reads (a loss written as name(...))


def half_unit(printed: str) -> float:
    """Half a unit in the last printed digit of a number printed with '#.Ng' (4 digits here)."""
    mantissa, _, exponent = printed.lstrip("-").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def check_line(line: str) -> bool:
    """True when the line's numbers give its printed result; False when it cannot be read."""
    pieces = line.split(" = ")
    if len(pieces) < 4:
        return False                     # a value given directly, or a formula without numbers
    numbers, result = pieces[-2], pieces[-1]
    try:
        value = compute(ast.parse(as_python(numbers), mode="eval"))
    except (LookupError, SyntaxError, ValueError, ZeroDivisionError, OverflowError):
        return False
    printed = float(result)
    if printed == 0:
        assert abs(value) < 1e-12, line
    else:
        assert abs(value - printed) <= half_unit(result) * (1 + 1e-9), (line, value)
    return True


def every_ref(ctx) -> list[Ref]:
    """Every kind of value the debugger explains."""
    net, B = ctx.network, ctx.batch
    refs = [r for phase in ("forward", "loss", "backward", "update") for r in refs_of(ctx, phase)]
    for k in range(1, net.depth + 1):
        for j in range(net.sizes[k]):
            refs += [Ref("fprime", k, j, 0, s) for s in range(B)] + [Ref("delta_mean", k, j)]
    for k in range(net.depth):
        refs += [Ref("contrib", k, i, j, s) for s in range(B) for i in range(net.sizes[k])
                 for j in range(net.sizes[k + 1])]
        refs += [Ref("param", k, i, j) for i in range(net.sizes[k]) for j in range(net.sizes[k + 1])]
    refs += [Ref("x", 0, 0, 0, 0), Ref("y", 0, 0, 0, 0), Ref("loss_after")]
    for key, value in ctx.record.opt_state_after.items():
        if key != "t" and value:
            refs.append(Ref("state", 0, 0, 0, key=key))
    return refs


def random_session(seed: int) -> Session:
    rng = np.random.default_rng(seed)
    loss = sorted(OUTPUTS)[seed % 4]
    out = OUTPUTS[loss][seed // 4 % len(OUTPUTS[loss])]
    hidden = [HIDDEN[int(h)] for h in rng.integers(0, len(HIDDEN), int(rng.integers(1, 3)))]
    sizes = [int(rng.integers(1, 4))] + [int(rng.integers(1, 4)) for _ in hidden] + [int(rng.integers(2, 4))]
    net = build(sizes, hidden + [out], bias=bool(seed % 3), seed=seed)
    scale = float(rng.choice([0.5, 1.0, 4.0]))          # 4: saturated units, f' near 0
    net.set_parameters([p * scale for p in net.parameters()])
    n = 6
    x = rng.normal(size=(n, sizes[0])) * 2
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)] if loss in ("bce", "cross_entropy") \
        else rng.normal(size=(n, sizes[-1]))
    opt, hp = OPTIMIZERS[seed % len(OPTIMIZERS)]
    reg = Regularisation(0.01, 0.02) if seed % 5 == 0 else Regularisation()
    return Session(net, Dataset(x, y), TrainingConfig(loss=loss, optimizer=opt, optimizer_params=dict(hp),
                                                      batch_size=int(rng.choice([1, 3])), regularisation=reg))


@pytest.mark.parametrize("seed", range(48))
def test_every_printed_line_computes_to_its_printed_result(seed):
    s = random_session(seed)
    s.step()
    s.step()             # optimizer state before the step is not the initial one
    ctx = context_for(s)
    read = unread = 0
    for ref in every_ref(ctx):
        try:
            e = explain(ctx, ref)
        except ValueError:
            continue
        for step in e.steps:
            line = step.render("text")
            if check_line(line):
                read += 1
            elif len(line.split(" = ")) >= 4:
                unread += 1
    assert read > 20 and unread <= read // 5, (read, unread)


def test_the_issues_saturated_tanh_slope():
    """tanh(5.51785) = 0.999968: f' = 1 − v_out² = 6.45e-05, with enough digits of v_out."""
    net = build([1, 1, 1], ["tanh", "sigmoid"], bias=False, seed=0)
    net.W[0][:] = 5.51785
    s = Session(net, Dataset(np.array([[1.0]]), np.array([[1.0]])), TrainingConfig())
    s.step()
    e = explain(context_for(s), Ref("fprime", 1, 0))
    line = e.steps[0].render("text")
    assert line.startswith("f'(v_in,1^(1)) = 1 − v_out,1^(1)² = 1 − 0.99996")
    assert check_line(line), line
    assert "1 − 1.000²" not in e.text()
    delta = explain(context_for(s), Ref("delta", 1, 0)).text()
    assert all(check_line(l.strip()) or len(l.split(" = ")) < 4 for l in delta.splitlines()), delta


def test_a_line_that_holds_with_four_digits_keeps_four():
    """(0.4000 × 0.1385) × 0.2413 style lines stay short: digits are added only when needed."""
    net = build([3, 2, 1], "sigmoid", bias=False)
    net.W[0] = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    net.W[1] = np.array([[0.4], [0.5]])
    s = Session(net, Dataset(np.array([[1.0, 0.5, -0.2]]), np.array([[1.0]])),
                TrainingConfig(optimizer_params={"learning_rate": 0.5}))
    s.step()
    text = explain(context_for(s), Ref("v_in", 1, 0)).text()
    assert "= 0.1000 × 1.000 + 0.3000 × 0.5000 + 0.5000 × (-0.2000) = 0.1500" in text


def test_the_rest_of_a_long_softmax_sum_is_printed_with_its_value():
    """Past 12 terms a sum prints "Σ(the other 2 terms)" with their value (it printed 0)."""
    net = build([2, 14], ["softmax"], seed=0)
    s = Session(net, Dataset(np.ones((1, 2)), np.eye(14)[[3]]), TrainingConfig(loss="cross_entropy"))
    s.step()
    for ref in (Ref("v_out", 1, 0), Ref("loss")):
        line = explain(context_for(s), ref).steps[0].render("text")
        assert "Σ(the other 2 terms)" in line and check_line(line), line
