"""The optimizers, each with explicit, inspectable state and everything said about it.

Each update rule is that of the PyTorch ``torch.optim`` class named by its entry's ``torch``,
with the same defaults and the same meaning of ``weight_decay``; what every entry is, and the
purity of ``step``, is in :mod:`core.engine.optimizer_base`.

An entry is the whole idea: ``PARAMS`` (each hyperparameter's
:class:`~core.engine.param_spec.ParamSpec`: torch's default, its range, its symbol and
meaning), ``formula`` (the rule in one line), ``STATE`` (every state array it keeps: its
symbol, its name, its debugger column and torch's key), :meth:`Optimizer.state_used` (the
arrays the given settings update), ``step`` (the rule), :meth:`Optimizer.update_tokens` (its
"why this number?" chain from g to Δp, written through :mod:`core.engine.written`) and
``torch`` with :meth:`Optimizer.torch_arguments` (the ``torch.optim`` class and its keyword
arguments, for the exported script).  The panel, the training configuration, the project-file
reader and the CLI check values with :meth:`Optimizer.checked` (the ranges of ``PARAMS`` and the
combination rule, as torch.optim refuses them); the explanations, the debugger and the exported
script read the rest.  A test walks every entry and every option variant
(tests/core/test_registry_walk.py, test_registries.py), so an optimizer without them fails a
test, not a lesson.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from .optimizer_base import Array, Optimizer, State, StateArray, apply_updates, decayed
from .param_spec import ParamSpec
from .written import Notation, Tokens, UpdateWriter

__all__ = ["HYPER_DOCS", "OPTIMIZERS", "Optimizer", "State", "StateArray", "apply_updates", "hyper_problem",
           "optimizer"]

Update = tuple[Tokens, float]

MOMENTUM = StateArray("u", "momentum buffer u (velocity)", "u (velocity)", "momentum_buffer")

# The hyperparameters several optimizers share: one rule each (torch.optim refuses < 0).
LEARNING_RATE = ParamSpec("learning_rate", 1e-3, lo=0.0, symbol="η", meaning="the step size")
WEIGHT_DECAY = ParamSpec("weight_decay", 0.0, lo=0.0, symbol="λ",
                         meaning="L2 weight decay (the optimizer's weight_decay)")
EPS = ParamSpec("eps", 1e-8, lo=0.0, symbol="ε", meaning="added to the denominator to avoid division by zero")
MOMENTUM_MU = ParamSpec("momentum", 0.0, lo=0.0, symbol="μ",
                        meaning="how much of the previous update carries over (0 = plain gradient descent)")


class SGD(Optimizer):
    """SGD with momentum (torch.optim.SGD).

    g <- g + wd p;  buf <- g on the first step with momentum, else mu buf + (1 - dampening) g;
    g <- g + mu buf (nesterov) or g <- buf (momentum);  Delta p = -eta g.

    As in torch, the momentum buffer does not exist until the first step with momentum > 0
    (the state holds an empty list): momentum switched on mid-training starts its buffer at
    g, undampened, not at mu 0 + (1 - dampening) g.  Switched off, the buffer is kept as it is.
    """

    TORCH_COUNTS_STEPS = False        # torch.optim.SGD keeps no step count
    PARAMS = (LEARNING_RATE, MOMENTUM_MU,
              ParamSpec("dampening", 0.0, lo=0.0, hi=1.0, symbol="τ",
                        meaning="dampening of the momentum buffer: u ← μ u + (1 − τ) g (torch.optim.SGD)"),
              WEIGHT_DECAY,
              ParamSpec("nesterov", False, "bool", symbol="Nesterov",
                        meaning="look ahead along the momentum before taking the gradient"))
    STATE = {"momentum_buffer": MOMENTUM}

    def state_used(self, hp: dict[str, Any]) -> list[str]:
        return ["momentum_buffer"] if hp["momentum"] else []

    def combination_problem(self, hp: Mapping[str, Any]) -> tuple[str, str] | None:
        """The rule torch.optim.SGD enforces: Nesterov momentum needs a momentum > 0 and no dampening."""
        if hp.get("nesterov") and (hp.get("momentum", 0.0) <= 0 or hp.get("dampening", 0.0) != 0):
            return "nesterov", "Nesterov momentum needs a momentum > 0 and no dampening (as torch.optim.SGD)"
        return None

    def init_state(self, params: list[Array], hp: dict[str, Any] | None = None) -> State:
        return {"t": 0, "momentum_buffer": []}

    def step(self, params: list[Array], grads: list[Array], state: State,
             hp: dict[str, Any]) -> tuple[list[Array], State]:
        lr, mu, damp = hp["learning_rate"], hp["momentum"], hp["dampening"]
        old, wd = state["momentum_buffer"], hp["weight_decay"]
        bufs, deltas = [], []
        for i, (p, g) in enumerate(zip(params, grads)):
            if wd:
                g = decayed(p, g, wd)
            if mu:
                buf = mu * old[i] + (1.0 - damp) * g if old else g.copy()
                g = g + mu * buf if hp["nesterov"] else buf
                bufs.append(buf)
            elif old:
                bufs.append(old[i])
            deltas.append(-lr * g)
        return deltas, {"t": state["t"] + 1, "momentum_buffer": bufs}

    def update_tokens(self, u: UpdateWriter, w: Notation) -> Update:
        hp, g = u.hp, u.decayed_gradient()
        mu, damp = hp["momentum"], hp["dampening"]
        if not mu:
            u.note("plain gradient descent: Δ = −η ∂E/∂p")
            return [w.NEG, u.eta, w.TIMES, g], -u.eta.value * g.value
        mu_t = w.const("mu", mu)
        if not u.started("momentum_buffer"):   # no buffer yet, as in torch
            buf = u.new("momentum_buffer", [g], g.value)
            u.note("the first step with momentum starts the momentum buffer u (velocity) at the gradient, undampened")
        elif damp:
            tau = w.const("tau", damp)
            buf = u.new("momentum_buffer", [mu_t, w.TIMES, u.prev("momentum_buffer"), w.PLUS, w.LP, w.ONE, w.MINUS,
                                            tau, w.RP, w.TIMES, g],
                        mu * u.prev("momentum_buffer").value + (1.0 - damp) * g.value)
        else:
            buf = u.new("momentum_buffer", [mu_t, w.TIMES, u.prev("momentum_buffer"), w.PLUS, g],
                        mu * u.prev("momentum_buffer").value + g.value)
        if hp["nesterov"]:
            u.note("Nesterov momentum: the step looks ahead by μ u")
            return ([w.NEG, u.eta, w.TIMES, w.LP, g, w.PLUS, mu_t, w.TIMES, buf, w.RP],
                    -u.eta.value * (g.value + mu * buf.value))
        u.note("momentum: the step follows the velocity u, not the raw gradient")
        return [w.NEG, u.eta, w.TIMES, buf], -u.eta.value * buf.value


class Adagrad(Optimizer):
    """Adagrad (torch.optim.Adagrad).

    g <- g + wd p;  eta_t = eta / (1 + (t - 1) lr_decay);  sum <- sum + g^2;
    Delta p = -eta_t g / (sqrt(sum) + eps).
    """

    PARAMS = (LEARNING_RATE.with_default(1e-2),
              ParamSpec("lr_decay", 0.0, lo=0.0, symbol="lr_decay",
                        meaning="learning-rate decay per step: η_t = η / (1 + (t − 1) lr_decay)"),
              WEIGHT_DECAY,
              ParamSpec("initial_accumulator_value", 0.0, lo=0.0, symbol="s₀",
                        meaning="starting value of the sum of squared gradients s"),
              EPS.with_default(1e-10))
    STATE = {"sum": StateArray("s", "Adagrad sum s", "s (sum g²)", "sum")}

    def init_state(self, params: list[Array], hp: dict[str, Any] | None = None) -> State:
        v0 = (hp or self.defaults).get("initial_accumulator_value", 0.0)
        return {"t": 0, "sum": [np.full_like(p, v0) for p in params]}

    def step(self, params: list[Array], grads: list[Array], state: State,
             hp: dict[str, Any]) -> tuple[list[Array], State]:
        t = state["t"] + 1
        clr = hp["learning_rate"] / (1.0 + (t - 1) * hp["lr_decay"])
        sums, deltas = [], []
        for p, g, s in zip(params, grads, state["sum"]):
            g = decayed(p, g, hp["weight_decay"])
            s = s + g * g
            sums.append(s)
            deltas.append(-clr * g / (np.sqrt(s) + hp["eps"]))
        return deltas, {"t": t, "sum": sums}

    def update_tokens(self, u: UpdateWriter, w: Notation) -> Update:
        hp, g = u.hp, u.decayed_gradient()
        eta = u.eta
        if hp["lr_decay"]:
            eta = u.helper("eta", [u.eta, w.DIV, w.LP, w.ONE, w.PLUS, w.LP, u.step_count(), w.MINUS, w.ONE, w.RP,
                                   w.TIMES, w.const("lambda", hp["lr_decay"], ("d",)), w.RP],
                           u.eta.value / (1.0 + (u.t - 1) * hp["lr_decay"]), idx=("t",))
        s = u.new("sum", [u.prev("sum"), w.PLUS, g, w.SQUARED], u.prev("sum").value + g.value ** 2)
        eps = w.const("eps", hp["eps"])
        u.note("Adagrad divides by the root of the sum of all squared gradients so far")
        return ([w.NEG, eta, w.TIMES, g, w.DIV, w.LP, w.SQRT_L, s, w.SQRT_R, w.PLUS, eps, w.RP],
                -eta.value * g.value / (math.sqrt(s.value) + hp["eps"]))


class RMSprop(Optimizer):
    """RMSprop (torch.optim.RMSprop).

    g <- g + wd p;  sq <- alpha sq + (1 - alpha) g^2;
    centered: g_avg <- alpha g_avg + (1 - alpha) g, avg = sqrt(sq - g_avg^2) + eps;
    else avg = sqrt(sq) + eps;
    momentum > 0: buf <- mu buf + g / avg, Delta p = -eta buf;  else Delta p = -eta g / avg.
    """

    PARAMS = (LEARNING_RATE.with_default(1e-2),
              ParamSpec("alpha", 0.99, lo=0.0, hi=1.0, symbol="α",
                        meaning="decay of the running mean of squared gradients r"),
              EPS, WEIGHT_DECAY, MOMENTUM_MU,
              ParamSpec("centered", False, "bool", symbol="centered",
                        meaning="normalise by the variance of the gradient (r − ḡ²)"))
    STATE = {"square_avg": StateArray("r", "RMSprop square average r", "r (avg g²)", "square_avg"),
             "grad_avg": StateArray("gbar", "RMSprop gradient average ḡ", "ḡ (avg g)", "grad_avg"),
             "momentum_buffer": MOMENTUM}

    def state_used(self, hp: dict[str, Any]) -> list[str]:
        return (["square_avg"] + (["grad_avg"] if hp["centered"] else [])
                + (["momentum_buffer"] if hp["momentum"] > 0 else []))

    def init_state(self, params: list[Array], hp: dict[str, Any] | None = None) -> State:
        z = [np.zeros_like(p) for p in params]
        return {"t": 0, "square_avg": z, "grad_avg": [a.copy() for a in z],
                "momentum_buffer": [a.copy() for a in z]}

    def step(self, params: list[Array], grads: list[Array], state: State,
             hp: dict[str, Any]) -> tuple[list[Array], State]:
        lr, a, mu = hp["learning_rate"], hp["alpha"], hp["momentum"]
        new: State = {"t": state["t"] + 1, "square_avg": [], "grad_avg": [], "momentum_buffer": []}
        deltas = []
        for p, g, sq, ga, buf in zip(params, grads, state["square_avg"], state["grad_avg"],
                                     state["momentum_buffer"]):
            g = decayed(p, g, hp["weight_decay"])
            sq = a * sq + (1.0 - a) * g * g
            if hp["centered"]:
                ga = a * ga + (1.0 - a) * g
                avg = np.sqrt(sq - ga * ga) + hp["eps"]
            else:
                avg = np.sqrt(sq) + hp["eps"]
            if mu > 0:
                buf = mu * buf + g / avg
                deltas.append(-lr * buf)
            else:
                deltas.append(-lr * g / avg)
            new["square_avg"].append(sq)
            new["grad_avg"].append(ga)
            new["momentum_buffer"].append(buf)
        return deltas, new

    def update_tokens(self, u: UpdateWriter, w: Notation) -> Update:
        hp, g = u.hp, u.decayed_gradient()
        a, eps = w.const("alpha", hp["alpha"]), w.const("eps", hp["eps"])
        r = u.new("square_avg", [a, w.TIMES, u.prev("square_avg"), w.PLUS, w.LP, w.ONE, w.MINUS, a, w.RP, w.TIMES,
                                 g, w.SQUARED],
                  hp["alpha"] * u.prev("square_avg").value + (1.0 - hp["alpha"]) * g.value ** 2)
        if hp["centered"]:
            gb = u.new("grad_avg", [a, w.TIMES, u.prev("grad_avg"), w.PLUS, w.LP, w.ONE, w.MINUS, a, w.RP, w.TIMES, g],
                       hp["alpha"] * u.prev("grad_avg").value + (1.0 - hp["alpha"]) * g.value)
            d = u.helper("d", [w.SQRT_L, r, w.MINUS, gb, w.SQUARED, w.SQRT_R, w.PLUS, eps],
                         math.sqrt(r.value - gb.value ** 2) + hp["eps"])
        else:
            d = u.helper("d", [w.SQRT_L, r, w.SQRT_R, w.PLUS, eps], math.sqrt(r.value) + hp["eps"])
        u.note("RMSprop divides by the root of a running average r of squared gradients")
        if hp["momentum"] > 0:
            mu = w.const("mu", hp["momentum"])
            buf = u.new("momentum_buffer", [mu, w.TIMES, u.prev("momentum_buffer"), w.PLUS, g, w.DIV, d],
                        hp["momentum"] * u.prev("momentum_buffer").value + g.value / d.value)
            return [w.NEG, u.eta, w.TIMES, buf], -u.eta.value * buf.value
        return [w.NEG, u.eta, w.TIMES, g, w.DIV, d], -u.eta.value * g.value / d.value


class Adam(Optimizer):
    """Adam (torch.optim.Adam); AdamW when ``decoupled``.

    Adam:  g <- g + wd p.   AdamW: p is first scaled by (1 - eta wd).
    m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2;
    m_hat = m / (1 - beta1^t);  v_hat = v / (1 - beta2^t)  (amsgrad: v_max <- max(v_max, v));
    Delta p = -eta m_hat / (sqrt(v_hat) + eps).
    """

    decoupled: ClassVar[bool] = False
    # torch.optim.Adam refuses betas outside [0, 1); beta = 1 would divide by 1 - beta^t = 0
    PARAMS: ClassVar[tuple[ParamSpec, ...]] = (
        LEARNING_RATE,
        ParamSpec("beta1", 0.9, lo=0.0, hi=1.0, hi_open=True, symbol="β₁",
                  meaning="decay of the running mean of gradients m"),
        ParamSpec("beta2", 0.999, lo=0.0, hi=1.0, hi_open=True, symbol="β₂",
                  meaning="decay of the running mean of squared gradients v"),
        EPS, WEIGHT_DECAY,
        ParamSpec("amsgrad", False, "bool", symbol="AMSGrad", meaning="use the running maximum of v"))
    STATE = {"m": StateArray("m", "first moment m", "m", "exp_avg"),
             "v": StateArray("v", "second moment v", "v", "exp_avg_sq"),
             "v_max": StateArray("vmax", "max second moment v_max", "v_max", "max_exp_avg_sq")}

    def state_used(self, hp: dict[str, Any]) -> list[str]:
        return ["m", "v"] + (["v_max"] if hp["amsgrad"] else [])

    def init_state(self, params: list[Array], hp: dict[str, Any] | None = None) -> State:
        z = [np.zeros_like(p) for p in params]
        return {"t": 0, "m": z, "v": [a.copy() for a in z], "v_max": [a.copy() for a in z]}

    def step(self, params: list[Array], grads: list[Array], state: State,
             hp: dict[str, Any]) -> tuple[list[Array], State]:
        lr, b1, b2, eps, wd = (hp["learning_rate"], hp["beta1"], hp["beta2"], hp["eps"],
                               hp["weight_decay"])
        t = state["t"] + 1
        bc1, bc2 = 1.0 - b1 ** t, 1.0 - b2 ** t
        new: State = {"t": t, "m": [], "v": [], "v_max": []}
        deltas = []
        for p, g, m, v, vmax in zip(params, grads, state["m"], state["v"], state["v_max"]):
            if not self.decoupled:
                g = decayed(p, g, wd)
            m = b1 * m + (1.0 - b1) * g
            v = b2 * v + (1.0 - b2) * g * g
            if hp["amsgrad"]:
                vmax = np.maximum(vmax, v)
                denom = np.sqrt(vmax) / np.sqrt(bc2) + eps
            else:
                denom = np.sqrt(v) / np.sqrt(bc2) + eps
            step = -(lr / bc1) * m / denom
            if self.decoupled and wd:
                # torch.optim.AdamW: p <- p (1 - eta wd), then the Adam step on the decayed p
                step = step - lr * wd * p
            deltas.append(step)
            new["m"].append(m)
            new["v"].append(v)
            new["v_max"].append(vmax)
        return deltas, new

    def update_tokens(self, u: UpdateWriter, w: Notation) -> Update:
        hp = u.hp
        g = u.g if self.decoupled else u.decayed_gradient()
        b1, b2 = w.const("beta", hp["beta1"], (1,)), w.const("beta", hp["beta2"], (2,))
        t = u.step_count()
        m = u.new("m", [b1, w.TIMES, u.prev("m"), w.PLUS, w.LP, w.ONE, w.MINUS, b1, w.RP, w.TIMES, g],
                  hp["beta1"] * u.prev("m").value + (1.0 - hp["beta1"]) * g.value)
        v = u.new("v", [b2, w.TIMES, u.prev("v"), w.PLUS, w.LP, w.ONE, w.MINUS, b2, w.RP, w.TIMES, g, w.SQUARED],
                  hp["beta2"] * u.prev("v").value + (1.0 - hp["beta2"]) * g.value ** 2)
        if hp["amsgrad"]:
            v = u.new("v_max", [w.fn("max(", r"\max("), u.prev("v_max"), w.Op(", "), v, w.RP],
                      max(u.prev("v_max").value, v.value))
        mhat = u.helper("mhat", [m, w.DIV, w.LP, w.ONE, w.MINUS, b1, w.POW_L, t, w.POW_R, w.RP],
                        m.value / (1.0 - hp["beta1"] ** u.t))
        vhat = u.helper("vhat", [v, w.DIV, w.LP, w.ONE, w.MINUS, b2, w.POW_L, t, w.POW_R, w.RP],
                        v.value / (1.0 - hp["beta2"] ** u.t))
        eps = w.const("eps", hp["eps"])
        tokens: Tokens = [w.NEG, u.eta, w.TIMES, mhat, w.DIV, w.LP, w.SQRT_L, vhat, w.SQRT_R, w.PLUS, eps, w.RP]
        value: float = -u.eta.value * mhat.value / (math.sqrt(vhat.value) + hp["eps"])
        u.note("m and v are running averages of the gradient and its square; m̂ and v̂ "
               "correct their bias towards 0 in the first steps")
        if self.decoupled and hp["weight_decay"]:
            lam = w.const("lambda", hp["weight_decay"])
            tokens += [w.MINUS, u.eta, w.TIMES, lam, w.TIMES, u.p]
            value -= u.eta.value * hp["weight_decay"] * u.p.value
            u.note("AdamW: the weight decay −η λ p is applied directly, not added to the gradient")
        return tokens, value


class AdamW(Adam):
    __doc__ = Adam.__doc__
    decoupled: ClassVar[bool] = True
    PARAMS = tuple(p.with_default(1e-2) if p is WEIGHT_DECAY else p for p in Adam.PARAMS)


OPTIMIZERS: dict[str, Optimizer] = {
    "sgd": SGD("sgd", "Δp = −η g; with momentum u ← μ u + (1 − τ) g, Δp = −η u (Nesterov: −η (g + μ u))",
               torch="SGD"),
    "adagrad": Adagrad("adagrad", "s ← s + g², Δp = −η_t g / (√s + ε), η_t = η / (1 + (t − 1) lr_decay)",
                       torch="Adagrad"),
    "rmsprop": RMSprop("rmsprop", "r ← α r + (1 − α) g², Δp = −η g / (√r + ε)", torch="RMSprop"),
    "adam": Adam("adam", "m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², Δp = −η m̂ / (√v̂ + ε)", torch="Adam"),
    "adamw": AdamW("adamw", "Adam with decoupled weight decay: Δp = −η m̂ / (√v̂ + ε) − η λ p", torch="AdamW"),
}

HYPER_DOCS = {spec.name: f"{spec.symbol}: {spec.meaning}" if spec.symbol != spec.name else spec.meaning
              for entry in reversed(OPTIMIZERS.values()) for spec in entry.PARAMS}
"""What each hyperparameter means, read from the entries' specs (one text per name)."""


def optimizer(name: str) -> Optimizer:
    """The registry entry ``name``; ValueError naming the known ones for any other name."""
    try:
        return OPTIMIZERS[name]
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}") from None


def hyper_problem(name: str, hp: Mapping[str, Any]) -> tuple[str, str] | None:
    """(key, reason) when the hyperparameters ``hp`` of optimizer ``name`` cannot go together
    (the entry's :meth:`Optimizer.combination_problem`, e.g. SGD's Nesterov rule)."""
    return OPTIMIZERS[name].combination_problem(hp)
