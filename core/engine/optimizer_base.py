"""What every optimizer entry is: :class:`Optimizer`, with its state arrays (:class:`StateArray`).

An optimizer is pure: ``step`` takes the parameters, their gradients and the current state, and
returns the updates Delta p (so that p' = p + Delta p) and a *new* state; the old state is left
untouched, which is what makes snapshots and stepping back exact.  Hyperparameters are a flat
dict; keys not given take the defaults.  ``t`` is the 1-based number of the step being taken.

The entries themselves, and the registry, are in :mod:`core.engine.optimizers`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from .param_spec import ParamError, ParamSpec, by_name, read_all
from .written import Notation, Tokens, UpdateWriter

Array = NDArray[np.float64]
State = dict[str, Any]


@dataclass(frozen=True)
class StateArray:
    """One array of an optimizer's state, as the explanations and the debugger show it."""

    symbol: str   # its symbol in formulas: a base of core.explain.notation (u, m, v, vmax, s, r, gbar) or new text
    name: str     # in titles: "first moment m"
    column: str   # the debugger's column heading
    torch: str    # the key torch.optim uses for it


@dataclass(frozen=True)
class Optimizer:
    """A registry entry: the update rule (``step``) with everything said about it.

    ``PARAMS`` (declared by each subclass) gives each hyperparameter's spec, in the order the
    panel and the project file list them; ``defaults`` is read from it.
    """

    name: str
    formula: str = ""    # the update rule in one line, for tooltips and lessons
    torch: str = field(kw_only=True)     # the torch.optim class whose rule this is: "Adam"

    PARAMS: ClassVar[tuple[ParamSpec, ...]] = ()
    STATE: ClassVar[dict[str, StateArray]] = {}
    TORCH_COUNTS_STEPS: ClassVar[bool] = True    # torch keeps a "step" in each parameter's state
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

    # -- in PyTorch ----------------------------------------------------------------------------------
    def torch_arguments(self, hp: Mapping[str, Any]) -> list[str]:
        """The keyword arguments of the ``torch.optim`` class for hyperparameters ``hp``, as script
        text: ``lr`` for learning_rate, ``betas=(beta1, beta2)``, every other one by its name."""
        args = [f"lr={hp['learning_rate']!r}"]
        for key, value in hp.items():
            if key == "beta1":
                args.append(f"betas=({value!r}, {hp['beta2']!r})")
            elif key not in ("learning_rate", "beta2"):
                args.append(f"{key}={value!r}")
        return args

    # -- how the explanation writes it -----------------------------------------------------------
    def update_tokens(self, u: UpdateWriter, w: Notation) -> tuple[Tokens, float]:
        """(tokens, value) of Δp for one parameter entry, the chain from g to Δp written on ``u``
        (its state lines, intermediates and notes) with the notation ``w``, recomputed in scalar
        arithmetic from the values ``u`` hands in.  (ValueError here, which the debugger shows in
        place of the explanation; tests/core/test_registry_walk.py fails an entry without it.)"""
        raise ValueError(f"no explanation for optimizer {self.name!r}: its entry has no update_tokens")


def decayed(p: Array, g: Array, wd: float) -> Array:
    """L2 weight decay as torch applies it: g <- g + weight_decay * p."""
    return g + wd * p if wd else g


def apply_updates(params: list[Array], deltas: list[Array], trainable: list[Array | None]) -> list[Array]:
    """p' = p + Delta p where the parameter is trainable; a frozen or removed one keeps its value.

    ``trainable`` holds 1.0/0.0 masks (Network.trainable()); None stands for all ones.
    """
    return [p + d if m is None else p + d * m for p, d, m in zip(params, deltas, trainable)]
