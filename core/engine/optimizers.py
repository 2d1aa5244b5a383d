"""Optimizers with explicit, inspectable state.

Each update rule is that of the PyTorch ``torch.optim`` class of the same name, with
the same defaults and the same meaning of ``weight_decay``.  An optimizer is pure:
``step`` takes the parameters, their gradients and the current state, and returns the
updates Delta p (so that p' = p + Delta p) and a *new* state; the old state is left
untouched, which is what makes snapshots and stepping back exact.

Hyperparameters are a flat dict; keys not given take the defaults in ``defaults``.
``t`` is the 1-based number of the step being taken.

Each entry carries its teaching beside its maths: ``PARAMS`` (each hyperparameter's
:class:`~core.engine.param_spec.ParamSpec`: torch's default, its range, its symbol and
meaning), ``formula`` (the rule in one line), ``STATE`` (every state array it keeps: its
symbol, its name, its debugger column and torch's key) and :meth:`Optimizer.state_used` (the
arrays the given settings update).  The panel, the training configuration, the project-file
reader and the CLI check values with :meth:`Optimizer.checked` (the ranges of ``PARAMS`` and
the combination rule, as torch.optim refuses them); the explanations
(:mod:`core.explain.update`) and the debugger read the rest.  A test walks every entry and
every option variant, so an optimizer without them fails a test, not a lesson.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from .param_spec import ParamError, ParamSpec, by_name, read_all

Array = NDArray[np.float64]
State = dict[str, Any]


@dataclass(frozen=True)
class StateArray:
    """One array of an optimizer's state, as the explanations and the debugger show it."""

    symbol: str   # its symbol in formulas: a base of core.explain.notation (u, m, v, vmax, s, r, gbar)
    name: str     # in titles: "first moment m"
    column: str   # the debugger's column heading
    torch: str    # the key torch.optim uses for it


MOMENTUM = StateArray("u", "momentum buffer u (velocity)", "u (velocity)", "momentum_buffer")

# The hyperparameters several optimizers share: one rule each (torch.optim refuses < 0).
LEARNING_RATE = ParamSpec("learning_rate", 1e-3, lo=0.0, symbol="η", meaning="the step size")
WEIGHT_DECAY = ParamSpec("weight_decay", 0.0, lo=0.0, symbol="λ",
                         meaning="L2 weight decay (the optimizer's weight_decay)")
EPS = ParamSpec("eps", 1e-8, lo=0.0, symbol="ε", meaning="added to the denominator to avoid division by zero")
MOMENTUM_MU = ParamSpec("momentum", 0.0, lo=0.0, symbol="μ",
                        meaning="how much of the previous update carries over (0 = plain gradient descent)")


@dataclass(frozen=True)
class Optimizer:
    """A registry entry: the update rule (``step``) with everything said about it.

    ``PARAMS`` (declared by each subclass) gives each hyperparameter's spec, in the order the
    panel and the project file list them; ``defaults`` is read from it.
    """

    name: str
    formula: str = ""    # the update rule in one line, for tooltips and lessons

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = ()
    STATE: ClassVar[dict[str, StateArray]] = {}
    _SPECS: ClassVar[Mapping[str, ParamSpec]] = MappingProxyType({})
    _DEFAULTS: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Read ``specs`` and ``defaults`` from the subclass's ``PARAMS`` once, when it is defined."""
        super().__init_subclass__(**kwargs)
        cls._SPECS = MappingProxyType(by_name(cls.PARAMS))
        cls._DEFAULTS = {p.name: p.default for p in cls.PARAMS}   # a dict: hyper() merges it every step

    @property
    def specs(self) -> Mapping[str, ParamSpec]:
        """Each hyperparameter's spec by name (read-only)."""
        return self._SPECS

    @property
    def defaults(self) -> dict[str, Any]:
        """torch's default of each hyperparameter (shared: do not change it)."""
        return self._DEFAULTS

    def state_used(self, hp: dict[str, Any]) -> list[str]:
        """The keys of ``STATE`` that a step with hyperparameters ``hp`` updates."""
        return list(self.STATE)

    def hyper(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """``given`` completed with the defaults; unknown keys raise ValueError (not checked:
        :meth:`checked` is the check)."""
        defaults = self._DEFAULTS
        if not given.keys() <= defaults.keys():
            unknown = set(given) - set(defaults)
            raise ValueError(f"{self.name}: unknown hyperparameter(s) {', '.join(sorted(unknown))}; "
                             f"known: {', '.join(defaults)}")
        return {**defaults, **given}

    def checked(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The hyperparameters ``given`` (not completed), each read by its spec: a number becomes
        a float, a bool stays a bool.  ValueError for an unknown key, :class:`ParamError` (key,
        reason) for the first value out of its range or a combination torch refuses."""
        self.hyper(given)
        read = read_all(self.specs, given)
        problem = self.combination_problem(read)
        if problem:
            raise ParamError(*problem)
        return read

    def combination_problem(self, hp: Mapping[str, Any]) -> tuple[str, str] | None:
        """(key, reason) when values each in range cannot go together; ``hp`` may leave out defaults."""
        return None

    def init_state(self, params: list[Array], hp: dict[str, Any] | None = None) -> State:
        return {"t": 0}

    def step(self, params: list[Array], grads: list[Array], state: State,
             hp: dict[str, Any]) -> tuple[list[Array], State]:
        raise NotImplementedError


def _decayed(p: Array, g: Array, wd: float) -> Array:
    """L2 weight decay as torch applies it: g <- g + weight_decay * p."""
    return g + wd * p if wd else g


class SGD(Optimizer):
    """SGD with momentum (torch.optim.SGD).

    g <- g + wd p;  buf <- g on the first step with momentum, else mu buf + (1 - dampening) g;
    g <- g + mu buf (nesterov) or g <- buf (momentum);  Delta p = -eta g.

    As in torch, the momentum buffer does not exist until the first step with momentum > 0
    (the state holds an empty list): momentum switched on mid-training starts its buffer at
    g, undampened, not at mu 0 + (1 - dampening) g.  Switched off, the buffer is kept as it is.
    """

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
                g = _decayed(p, g, wd)
            if mu:
                buf = mu * old[i] + (1.0 - damp) * g if old else g.copy()
                g = g + mu * buf if hp["nesterov"] else buf
                bufs.append(buf)
            elif old:
                bufs.append(old[i])
            deltas.append(-lr * g)
        return deltas, {"t": state["t"] + 1, "momentum_buffer": bufs}


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
            g = _decayed(p, g, hp["weight_decay"])
            s = s + g * g
            sums.append(s)
            deltas.append(-clr * g / (np.sqrt(s) + hp["eps"]))
        return deltas, {"t": t, "sum": sums}


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
            g = _decayed(p, g, hp["weight_decay"])
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


class Adam(Optimizer):
    """Adam (torch.optim.Adam); AdamW when ``decoupled``.

    Adam:  g <- g + wd p.   AdamW: p is first scaled by (1 - eta wd).
    m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2;
    m_hat = m / (1 - beta1^t);  v_hat = v / (1 - beta2^t)  (amsgrad: v_max <- max(v_max, v));
    Delta p = -eta m_hat / (sqrt(v_hat) + eps).
    """

    decoupled = False
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
                g = _decayed(p, g, wd)
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


class AdamW(Adam):
    __doc__ = Adam.__doc__
    decoupled = True
    PARAMS = tuple(p.with_default(1e-2) if p is WEIGHT_DECAY else p for p in Adam.PARAMS)


OPTIMIZERS: dict[str, Optimizer] = {
    "sgd": SGD("sgd", "Δp = −η g; with momentum u ← μ u + (1 − τ) g, Δp = −η u (Nesterov: −η (g + μ u))"),
    "adagrad": Adagrad("adagrad", "s ← s + g², Δp = −η_t g / (√s + ε), η_t = η / (1 + (t − 1) lr_decay)"),
    "rmsprop": RMSprop("rmsprop", "r ← α r + (1 − α) g², Δp = −η g / (√r + ε)"),
    "adam": Adam("adam", "m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², Δp = −η m̂ / (√v̂ + ε)"),
    "adamw": AdamW("adamw", "Adam with decoupled weight decay: Δp = −η m̂ / (√v̂ + ε) − η λ p"),
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


def apply_updates(params: list[Array], deltas: list[Array], trainable: list[Array | None]) -> list[Array]:
    """p' = p + Delta p where the parameter is trainable; a frozen or removed one keeps its value.

    ``trainable`` holds 1.0/0.0 masks (Network.trainable()); None stands for all ones.
    """
    return [p + d if m is None else p + d * m for p, d, m in zip(params, deltas, trainable)]
