"""Reading the parts of a project file: network, training configuration and training state.

Each reader takes the parsed JSON value and its path and returns engine objects, or raises
:class:`~core.checks.errors.InputError` naming the JSON path.  Sizes are checked before anything is
allocated: at most :data:`~core.checks.validation.MAX_LAYERS` layers, :data:`~core.checks.validation.MAX_UNITS`
units per layer and :data:`~core.checks.validation.MAX_PARAMETERS` parameters.
See docs/project-file.md for the format.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks import validation as v
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.initializers import SCHEMES, initialise
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.network import Layer, Network, activation_problem
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.param_spec import SEED, ParamError, ParamSpec
from backprop_studio.core.engine.regularisation import check_regularisation
from backprop_studio.core.engine.schedules import SCHEDULES, checked_schedule
from backprop_studio.core.training.history import TrainingState
from backprop_studio.core.training.records import TRAINING_PARAMS
from backprop_studio.core.training.session import TrainingConfig

Array = NDArray[np.float64]


def read_value(spec: ParamSpec, value: Any, path: str) -> Any:
    """``value`` read by its spec (the rule the panel and the configuration use); InputError at ``path``."""
    try:
        return spec.read(value)
    except ValueError as e:
        raise InputError(str(e), path) from None


def read_layers(value: Any, path: str) -> list[Layer]:
    if not isinstance(value, list):
        raise InputError(f"expected a list of layers, got {v.describe(value)}", path)
    if not 2 <= len(value) <= v.MAX_LAYERS:
        raise InputError(f"{len(value):,} layers; a network has 2 to {v.MAX_LAYERS} layers "
                         f"(the limit is {v.MAX_LAYERS})", path)
    layers = []
    for k, spec in enumerate(value):
        where = v.join(path, k)
        if k == 0:
            v.obj(spec, where, ("units",))
        else:
            v.obj(spec, where, ("units",), ("activation", "bias", "param"))
        units = v.integer(spec["units"], v.join(where, "units"), 1, v.MAX_UNITS, "units per layer")
        if k == 0:
            layers.append(Layer(units))
            continue
        act = v.string(spec.get("activation", "sigmoid"), v.join(where, "activation"), tuple(ACTIVATIONS))
        problem = activation_problem(act, k, len(value) - 1, units)
        if problem:
            raise InputError(problem, v.join(where, "activation"))
        param = None
        if "param" in spec:
            param = read_activation_param(act, spec["param"], v.join(where, "param"))
        layers.append(Layer(units, act, v.boolean(spec.get("bias", True), v.join(where, "bias")), param))
    total = sum(a.units * b.units + b.units for a, b in zip(layers, layers[1:]))
    if total > v.MAX_PARAMETERS:
        raise InputError(f"{total:,} parameters is too many; the limit is {v.MAX_PARAMETERS:,} parameters", path)
    return layers


def read_activation_param(name: str, value: Any, path: str) -> float:
    """A layer's ``param``, read by its activation entry's spec (leaky_relu's slope, elu's alpha)."""
    spec = ACTIVATIONS[name].param
    if spec is None:
        takers = [n for n, a in ACTIVATIONS.items() if a.param is not None]
        raise InputError(f"only {' and '.join(takers)} take a param", path)
    return v.number(value, path, spec.lo, spec.hi, lo_open=spec.lo_open, hi_open=spec.hi_open)


def read_init(value: Any, path: str) -> dict[str, Any]:
    v.obj(value, path, (), ("scheme", "seed", "scale"))
    init = {"scheme": v.string(value.get("scheme", "xavier_uniform"), v.join(path, "scheme"), SCHEMES),
            "seed": read_value(SEED, value.get("seed", SEED.default), v.join(path, "seed"))}
    if "scale" in value:
        init["scale"] = v.number(value["scale"], v.join(path, "scale"), 0.0, 1e6, lo_open=True)
    return init


def _per_layer(value: Any, path: str, depth: int) -> list[Any]:
    if not isinstance(value, list) or len(value) != depth:
        got = f"{len(value)} entries" if isinstance(value, list) else v.describe(value)
        raise InputError(f"expected a list of {depth} (one per weight matrix), got {got}", path)
    return value


def read_network(value: Any, path: str = "network") -> tuple[Network, dict[str, Any]]:
    """The network (parameters drawn from ``init`` where absent) and its init spec."""
    v.obj(value, path, ("layers",), ("weights", "biases", "mask", "frozen", "init"))
    layers = read_layers(value["layers"], v.join(path, "layers"))
    init = read_init(value.get("init", {}), v.join(path, "init"))
    shapes = [(a.units, b.units) for a, b in zip(layers, layers[1:])]
    L = len(shapes)
    given = _per_layer(value["weights"], v.join(path, "weights"), L) if "weights" in value else [None] * L
    W: list[Array | None] = [None if w is None else v.matrix(w, v.join(v.join(path, "weights"), k), shapes[k])
                             for k, w in enumerate(given)]
    drawn = initialise(shapes, init["scheme"], np.random.default_rng(init["seed"]), init.get("scale")) \
        if any(w is None for w in W) else []
    weights = [drawn[k] if w is None else w for k, w in enumerate(W)]   # the given ones, the rest drawn
    b = read_biases(value.get("biases"), v.join(path, "biases"), layers)
    mask = [np.ones(s, dtype=bool) for s in shapes]
    if "mask" in value:
        for k, m in enumerate(_per_layer(value["mask"], v.join(path, "mask"), L)):
            if m is not None:
                mask[k] = v.flags(m, v.join(v.join(path, "mask"), k), shapes[k])
    frozen_W, frozen_b = _frozen(value.get("frozen", {}), v.join(path, "frozen"), shapes)
    return Network(layers, weights, b, mask, frozen_W, frozen_b), init


def read_biases(value: Any, path: str, layers: list[Layer]) -> list[Array]:
    """One bias vector per non-input layer; null (or absent) means zeros / no bias."""
    L = len(layers) - 1
    out = [np.zeros(layer.units) for layer in layers[1:]]
    if value is None:
        return out
    for k, bias in enumerate(_per_layer(value, path, L)):
        where = v.join(path, k)
        if bias is None:
            continue
        if not layers[k + 1].bias:
            raise InputError(f"layer {k + 1} has no bias; write null", where)
        out[k] = v.vector(bias, where, layers[k + 1].units)
    return out


def read_weights(value: Any, path: str, shapes: list[tuple[int, int]]) -> list[Array]:
    """A complete list of weight matrices of the given shapes (no nulls)."""
    return [v.matrix(w, v.join(path, k), shapes[k])
            for k, w in enumerate(_per_layer(value, path, len(shapes)))]


def _frozen(value: Any, path: str, shapes: list[tuple[int, int]]) -> tuple[list[Any], list[Any]]:
    v.obj(value, path, (), ("weights", "biases"))
    out = []
    for key, shape_of in (("weights", lambda s: s), ("biases", lambda s: (s[1],))):
        arrays = [np.zeros(shape_of(s), dtype=bool) for s in shapes]
        spec, where = value.get(key, False), v.join(path, key)
        if isinstance(spec, bool):
            arrays = [np.full(a.shape, spec) for a in arrays]
        else:
            for k, f in enumerate(_per_layer(spec, where, len(shapes))):
                if f is not None:
                    arrays[k] = v.flags(f, v.join(where, k), shape_of(shapes[k]))
        out.append(arrays)
    return out[0], out[1]


def check_optimizer(name: str, given: dict[str, Any], path: str) -> dict[str, Any]:
    """The hyperparameters ``given`` for optimizer ``name``, each read by its spec on the registry
    entry (:meth:`~core.engine.optimizers.Optimizer.checked`: torch's ranges, booleans, the
    Nesterov rule); InputError at ``path.key``."""
    try:
        return OPTIMIZERS[name].checked(given)
    except ParamError as e:
        raise InputError(e.reason, f"{path}.{e.key}") from None
    except ValueError as e:    # an unknown key
        raise InputError(str(e), path) from None


def read_config(doc: dict[str, Any]) -> TrainingConfig:
    """The loss, optimizer, training and regularisation keys of a project file as a TrainingConfig."""
    loss = v.string(doc.get("loss", "half_sse"), "loss", tuple(LOSSES))
    opt = doc.get("optimizer", {"name": "sgd", "learning_rate": 0.5})
    v.obj(opt, "optimizer", ("name",), tuple(k for o in OPTIMIZERS.values() for k in o.defaults))
    name = v.string(opt["name"], "optimizer.name", tuple(OPTIMIZERS))
    v.obj(opt, "optimizer", ("name",), tuple(OPTIMIZERS[name].defaults))
    params = check_optimizer(name, {k: opt[k] for k in opt if k != "name"}, "optimizer")
    training = doc.get("training", {})
    v.obj(training, "training", (), (*TRAINING_PARAMS, "schedule"))
    if training.get("batch_size") == "full":
        training = {**training, "batch_size": 0}
    read = {key: read_value(spec, training.get(key, spec.default), f"training.{key}")
            for key, spec in TRAINING_PARAMS.items()}
    return TrainingConfig(loss, name, params, read["batch_size"], read["shuffle"], read["seed"],
                          read_schedule(training.get("schedule", {"name": "constant"}), "training.schedule"),
                          check_regularisation(doc.get("regularisation", {}), "regularisation"))


def read_schedule(value: Any, path: str) -> dict[str, Any]:
    """``{"name": ..., parameters}`` (or just the name), each parameter read by its spec."""
    if isinstance(value, str):
        value = {"name": value}
    v.obj(value, path, ("name",), tuple(k for s in SCHEDULES.values() for k in s))
    name = v.string(value["name"], v.join(path, "name"), tuple(SCHEDULES))
    v.obj(value, path, ("name",), tuple(SCHEDULES[name]))
    try:
        return checked_schedule(value)
    except ParamError as e:
        raise InputError(e.reason, v.join(path, e.key)) from None


def read_state(value: Any, path: str, net: Network, config: TrainingConfig,
               n_samples: int) -> tuple[TrainingState, list[float], list[int], list[Array]]:
    """The saved training position: (state, losses, epochs, initial parameters)."""
    keys = ("step", "epoch", "position", "order", "rng", "optimizer", "losses", "epochs", "initial")
    v.obj(value, path, keys, ("log",))

    def at(key: str) -> str:
        return v.join(path, key)

    step = v.integer(value["step"], at("step"), 0, 10 ** 12)
    epoch = v.integer(value["epoch"], at("epoch"), 0, 10 ** 12)
    position = v.integer(value["position"], at("position"), 0, n_samples - 1)
    order = read_order(value["order"], at("order"), n_samples)
    rng = read_rng(value["rng"], at("rng"))
    opt_state = read_optimizer_state(value["optimizer"], at("optimizer"), net, config)
    losses = v.vector(value["losses"], at("losses"), step).tolist()
    epochs_arr = v.vector(value["epochs"], at("epochs"), step)
    if not np.all((epochs_arr >= 0) & (epochs_arr == np.round(epochs_arr))):
        raise InputError("expected whole numbers >= 0", at("epochs"))
    initial = value["initial"]
    v.obj(initial, at("initial"), ("weights", "biases"))
    W0 = read_weights(initial["weights"], v.join(at("initial"), "weights"), net.weight_shapes())
    b0 = read_biases(initial["biases"], v.join(at("initial"), "biases"), net.layers)
    params = [p.copy() for p in net.parameters()]
    state = TrainingState(params, opt_state, rng, step, epoch, position, order, config.optimizer)
    initial_params = [p for k in range(net.depth) for p in (W0[k], b0[k])]
    return state, losses, [int(e) for e in epochs_arr], initial_params


LOG_WIDTHS: dict[str, Callable[[int, int], int]] = {"test": lambda L, P: 1, "weight_norms": lambda L, P: L,
              "gradient_norms": lambda L, P: L, "path": lambda L, P: P}


def read_log(value: Any, path: str, net: Network, step: int) -> dict[str, tuple[NDArray[np.int64], Array]]:
    """``state.log``: the training log's saved series (see :meth:`TrainingLog.to_json`), each
    ``{"steps": increasing whole numbers 0..step, "rows": one row of the series' width per step}``."""
    v.obj(value, path, (), tuple(LOG_WIDTHS))
    P = sum(p.size for p in net.parameters())
    out = {}
    for name, series in value.items():
        at = v.join(path, name)
        v.obj(series, at, ("steps", "rows"))
        steps = v.vector(series["steps"], v.join(at, "steps"))
        if not np.all((steps >= 0) & (steps <= step) & (steps == np.round(steps))) or np.any(np.diff(steps) <= 0):
            raise InputError(f"expected increasing whole numbers from 0 to {step}", v.join(at, "steps"))
        rows = v.matrix(series["rows"], v.join(at, "rows"), (len(steps), LOG_WIDTHS[name](net.depth, P)))
        out[name] = (steps.astype(np.int64), rows)
    return out


def read_order(value: Any, path: str, n: int) -> NDArray[np.int64]:
    a = v.vector(value, path, n)
    if not np.array_equal(np.sort(a), np.arange(n)):
        raise InputError(f"expected a permutation of 0..{n - 1}", path)
    return a.astype(np.int64)


def read_rng(value: Any, path: str) -> dict[str, Any]:
    """A numpy PCG64 bit-generator state, checked by loading it into a generator."""
    v.obj(value, path, ("bit_generator", "state", "has_uint32", "uinteger"))
    v.string(value["bit_generator"], v.join(path, "bit_generator"), ("PCG64",))
    inner = v.obj(value["state"], v.join(path, "state"), ("state", "inc"))
    for key in ("state", "inc"):
        v.integer(inner[key], v.join(v.join(path, "state"), key), 0, 2 ** 128 - 1)
    v.integer(value["has_uint32"], v.join(path, "has_uint32"), 0, 1)
    v.integer(value["uinteger"], v.join(path, "uinteger"), 0, 2 ** 32 - 1)
    state = {"bit_generator": "PCG64", "state": {"state": int(inner["state"]), "inc": int(inner["inc"])},
             "has_uint32": int(value["has_uint32"]), "uinteger": int(value["uinteger"])}
    try:
        # numpy's stubs type the setter with a private TypedDict of exactly these keys and types
        np.random.PCG64().state = state  # type: ignore[assignment]
    except (ValueError, TypeError, OverflowError) as e:
        raise InputError(f"not a valid generator state: {e}", path) from None
    return state


def read_optimizer_state(value: Any, path: str, net: Network, config: TrainingConfig) -> dict[str, Any]:
    """The optimizer's state, with the keys its ``init_state`` has and one array per parameter.

    A key that ``init_state`` leaves empty (SGD's momentum buffer before the first step with
    momentum, as torch's None) may be an empty list.
    """
    params = net.parameters()
    template = OPTIMIZERS[config.optimizer].init_state(params, config.hyper())
    v.obj(value, path, tuple(template))
    out: dict[str, Any] = {"t": v.integer(value["t"], v.join(path, "t"), 0, 10 ** 12)}
    for key, arrays in template.items():
        if key == "t":
            continue
        where = v.join(path, key)
        given = value[key]
        if given == [] and arrays == []:
            out[key] = []
            continue
        if not isinstance(given, list) or len(given) != len(params):
            raise InputError(f"expected a list of {len(params)} arrays (W, b per layer)"
                             f"{' or an empty list' if arrays == [] else ''}, got {v.describe(given)}", where)
        out[key] = [v.matrix(g, v.join(where, i), a.shape) if a.ndim == 2 else v.vector(g, v.join(where, i), a.shape[0])
                    for i, (g, a) in enumerate(zip(given, params))]
    return out
