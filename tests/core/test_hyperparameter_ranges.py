"""One range rule per setting: what the training configuration accepts, a saved file gives back.

The reference is a table written here by hand from torch.optim's documented checks (betas in
[0, 1), every other optimizer number >= 0) and the project-file format's ranges (alpha and
dampening at most 1, a schedule's gamma and t_max > 0, step_size a whole number >= 1, seeds
0 to 2^63 - 1, batch sizes 0 to 10^9), never the engine's own specs.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_studio import core
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.optimizers import OPTIMIZERS
from backprop_studio.core.engine.schedules import SCHEDULES
from backprop_studio.core.files import project_file
from backprop_studio.core.training.session import Session, TrainingConfig

EDGES = [0, 0.999999, 1, 1.5, 1e300, -1, math.nan, math.inf, True, False, None, "0.5", 2 ** 70, -5, 3.0]


def number(lo=0.0, lo_open=False, hi=None, hi_open=False, whole=False):
    """A range by hand: accepts a finite int or float (not a bool) in it."""
    def accepts(x):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            return False
        try:
            f = float(x)
        except OverflowError:
            return False
        if not math.isfinite(f) or (whole and f != int(f)):
            return False
        return (f > lo if lo_open else f >= lo) and (hi is None or (f < hi if hi_open else f <= hi))
    return accepts


def flag(x):
    return isinstance(x, bool)


AT_LEAST_0 = number()
RULES = {
    "learning_rate": AT_LEAST_0, "momentum": AT_LEAST_0, "weight_decay": AT_LEAST_0, "eps": AT_LEAST_0,
    "lr_decay": AT_LEAST_0, "initial_accumulator_value": AT_LEAST_0,
    "dampening": number(hi=1.0), "alpha": number(hi=1.0),
    "beta1": number(hi=1.0, hi_open=True), "beta2": number(hi=1.0, hi_open=True),
    "nesterov": flag, "amsgrad": flag, "centered": flag,
    "step_size": number(lo=1.0, whole=True), "gamma": number(lo_open=True), "t_max": number(lo_open=True),
    "eta_min": AT_LEAST_0,
    "batch_size": number(hi=10 ** 9, whole=True), "seed": number(hi=2 ** 63 - 1, whole=True), "shuffle": flag,
    "l1": AT_LEAST_0, "l2": AT_LEAST_0,
}


def test_the_table_covers_every_setting():
    keys = {k for o in OPTIMIZERS.values() for k in o.defaults} | {k for s in SCHEDULES.values() for k in s}
    assert keys | {"batch_size", "seed", "shuffle", "l1", "l2"} == set(RULES)


def tiny_session(config: TrainingConfig) -> Session:
    net = core.build([2, 1], "sigmoid", seed=0)
    return Session(net, Dataset(np.array([[0.5, -1.0]]), np.array([[1.0]])), config)


def config_with(place: str, key: str, value, optimizer: str = "sgd", schedule: str = "constant") -> TrainingConfig:
    """A default configuration with ``key`` set to ``value`` where it lives (``place``)."""
    cfg = TrainingConfig(optimizer=optimizer, optimizer_params={"learning_rate": 0.1},
                         schedule={"name": schedule})
    if place == "optimizer":
        cfg.optimizer_params = {**cfg.optimizer_params, key: value}
    elif place == "schedule":
        cfg.schedule = {"name": schedule, key: value}
    elif place == "regularisation":
        cfg.regularisation = {"l1": 0.0, key: value}       # checked() reads a dict as the file does
    else:
        setattr(cfg, key, value)
    return cfg


def settings_everywhere():
    """(place, optimizer, schedule, key) for every setting of every optimizer and schedule."""
    out = [("optimizer", name, "constant", key) for name, o in OPTIMIZERS.items() for key in o.defaults]
    out += [("schedule", "sgd", name, key) for name, keys in SCHEDULES.items() for key in keys]
    out += [("training", "sgd", "constant", key) for key in ("batch_size", "seed", "shuffle")]
    out += [("regularisation", "sgd", "constant", key) for key in ("l1", "l2")]
    return out


def accepted(cfg: TrainingConfig) -> bool:
    try:
        cfg.checked()
    except ValueError:
        return False
    return True


def values_of(cfg: TrainingConfig) -> dict:
    return {"loss": cfg.loss, "optimizer": cfg.optimizer, "hyper": cfg.hyper(), "batch_size": cfg.batch_size,
            "shuffle": cfg.shuffle, "seed": cfg.seed, "schedule": dict(cfg.schedule),
            "regularisation": (cfg.regularisation.l1, cfg.regularisation.l2)}


def assert_survives_save_and_open(cfg: TrainingConfig) -> None:
    session = tiny_session(cfg)
    reopened = project_file.loads(project_file.dumps(session))
    assert values_of(reopened.config) == values_of(session.config)
    for a, b in zip(values_of(reopened.config)["hyper"].values(), values_of(session.config)["hyper"].values()):
        assert type(a) is type(b)          # a number stays a float, a flag stays a bool


@pytest.mark.parametrize("place, optimizer, schedule, key", settings_everywhere())
def test_edge_values_are_accepted_exactly_in_range_and_survive_save_and_open(place, optimizer, schedule, key):
    for value in EDGES:
        cfg = config_with(place, key, value, optimizer, schedule)
        ok = RULES[key](value)
        if key == "nesterov" and value is True:
            ok = False                      # torch: Nesterov needs a momentum > 0 (here 0)
        assert accepted(cfg) == ok, (key, value)
        if ok:
            assert_survives_save_and_open(cfg)
        else:
            with pytest.raises(ValueError) as e:
                config_with(place, key, value, optimizer, schedule).checked()
            assert key in str(e.value)      # the one line names the setting


# -- §6: values that used to be accepted and then crashed a step or the reopening ---------------
def test_beta1_of_1_is_refused_up_front_not_a_division_by_zero_in_a_step():
    with pytest.raises(ValueError, match=r"optimizer\.beta1: must be >= 0 and < 1, got 1"):
        tiny_session(TrainingConfig(optimizer="adam", optimizer_params={"beta1": 1.0}))
    session = tiny_session(TrainingConfig(optimizer="adam", optimizer_params={"beta1": 0.999999}))
    session.step()                          # 1 - beta1^t = 1e-6: a step, not a crash
    assert session.step_count == 1 and session.diverged is None


@pytest.mark.parametrize("change, words", [
    ({"seed": -5}, "training.seed: must be >= 0"), ({"seed": 2 ** 70}, "training.seed"),
    ({"optimizer_params": {"momentum": True}}, "optimizer.momentum: must be a number >= 0, got true"),
    ({"batch_size": True}, "training.batch_size: must be a whole number"),
    ({"shuffle": "yes"}, "training.shuffle: must be true or false"),
    ({"optimizer_params": {"learning_rate": 10 ** 400}}, "optimizer.learning_rate: must be a finite number"),
])
def test_the_core_api_refuses_what_a_file_could_not_hold(change, words):
    cfg = TrainingConfig(**change)
    with pytest.raises(ValueError) as e:
        tiny_session(cfg)
    assert words in str(e.value)


def test_a_set_config_with_a_bad_value_changes_nothing():
    session = tiny_session(TrainingConfig(optimizer="rmsprop", optimizer_params={"learning_rate": 0.1}))
    with pytest.raises(ValueError, match="alpha"):
        session.set_config(TrainingConfig(optimizer="rmsprop", optimizer_params={"alpha": 1.5}))
    assert session.config.hyper()["alpha"] == 0.99


# -- the property: every configuration the session accepts survives save and open --------------
ANY_VALUE = st.one_of(
    st.sampled_from(EDGES), st.floats(allow_nan=True, allow_infinity=True), st.integers(),
    st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=2 ** 64), st.booleans(),
    st.none(), st.text(max_size=5))


@settings(max_examples=300)
@given(where=st.sampled_from(settings_everywhere()), value=ANY_VALUE)
def test_every_accepted_configuration_survives_save_and_open(where, value):
    place, optimizer, schedule, key = where
    cfg = config_with(place, key, value, optimizer, schedule)
    if accepted(cfg):
        assert_survives_save_and_open(cfg)


@settings(max_examples=300)
@given(where=st.sampled_from(settings_everywhere()), value=ANY_VALUE)
def test_what_the_file_reader_refuses_the_configuration_refused_too(where, value):
    place, optimizer, schedule, key = where
    doc = project_file.to_document(tiny_session(TrainingConfig(optimizer=optimizer,
                                                               schedule={"name": schedule})))
    if place == "optimizer":
        doc["optimizer"][key] = value
    elif place == "schedule":
        doc["training"]["schedule"][key] = value
    elif place == "regularisation":
        doc["regularisation"] = {key: value}
    else:
        doc["training"][key] = value
    try:
        project_file.session_from(doc)
    except InputError:
        assert not accepted(config_with(place, key, value, optimizer, schedule))


# -- torch agrees ---------------------------------------------------------------------------------
TORCH_KEYS = {"learning_rate": "lr"}


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_value_accepted_is_one_torch_optim_accepts(name):
    torch = pytest.importorskip("torch")
    cls = getattr(torch.optim, OPTIMIZERS[name].torch)     # the class the entry's rule is (and exports)
    p = [torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))]     # the exported script is float64
    for key in OPTIMIZERS[name].defaults:
        for value in EDGES:
            cfg = config_with("optimizer", key, value, name)
            if not accepted(cfg):
                continue
            hp = {TORCH_KEYS.get(k, k): x for k, x in cfg.hyper().items()}
            if "beta1" in hp:
                hp["betas"] = (hp.pop("beta1"), hp.pop("beta2"))
            cls(p, **hp)                    # raises ValueError where torch refuses


# -- the CLI reads the same rule ------------------------------------------------------------------
@pytest.mark.parametrize("extra, words", [
    (["--optimizer", "adam", "--lr", "0.1", "--hyper", "beta1=1"], "--hyper: beta1 must be >= 0 and < 1, got 1"),
    (["--optimizer", "adam", "--lr", "0.1", "--hyper", "beta2=nan"], "--hyper: beta2 must be a number"),
    (["--optimizer", "sgd", "--lr", "0.1", "--hyper", "dampening=1.5"], "dampening must be >= 0 and <= 1"),
    (["--optimizer", "sgd", "--lr", "0.1", "--hyper", "momentum=true"], "momentum must be a number >= 0"),
    (["--optimizer", "rmsprop", "--lr", "0.1", "--hyper", "alpha=1e300"], "alpha must be >= 0 and <= 1"),
    (["--optimizer", "sgd", "--lr", "nan"], "--lr: must be a finite number >= 0, got nan"),
    (["--optimizer", "sgd", "--lr", "0.1", "--hyper", "nesterov=yes"], "nesterov must be true or false"),
])
def test_descend_refuses_with_the_spec_s_words(capsys, tmp_path, extra, words):
    from backprop_studio.core.cli.main import main
    code = main(["descend", "--function", "parabola", *extra, "--steps", "2", "--out", str(tmp_path / "p.csv")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and words in err, err


def test_descend_takes_the_edge_a_beta_may_have(capsys, tmp_path):
    from backprop_studio.core.cli.main import main
    code = main(["descend", "--function", "parabola", "--optimizer", "adam", "--lr", "0.1",
                 "--hyper", "beta1=0.999999", "--steps", "2", "--out", str(tmp_path / "p.csv")])
    assert code == 0, capsys.readouterr().err


# -- the documentation states each rule the specs hold --------------------------------------------
def test_the_project_file_documentation_lists_every_rule():
    from pathlib import Path

    from backprop_studio.core.engine.param_spec import SEED
    from backprop_studio.core.engine.regularisation import PARAMS
    from backprop_studio.core.engine.schedules import SCHEDULE_PARAMS
    from backprop_studio.core.training.records import TRAINING_PARAMS

    text = (Path(__file__).resolve().parents[2] / "docs" / "project-file.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].strip() for line in text.splitlines()
            if line.startswith("| `")}
    specs = [(f"optimizer.{s.name}", s) for o in OPTIMIZERS.values() for s in o.PARAMS]
    specs += [(f"training.schedule.{s.name}", s) for ss in SCHEDULE_PARAMS.values() for s in ss]
    specs += [(f"training.{k}", s) for k, s in TRAINING_PARAMS.items()]
    specs += [(f"regularisation.{s.name}", s) for s in PARAMS] + [("network.init.seed", SEED)]
    for key, spec in specs:
        assert rows[key].startswith(spec.rule_text()), key


def test_every_spec_teaches_and_holds_its_own_default():
    from backprop_studio.core.engine.param_spec import SEED
    from backprop_studio.core.engine.regularisation import PARAMS
    from backprop_studio.core.engine.schedules import SCHEDULE_PARAMS
    from backprop_studio.core.training.records import TRAINING_PARAMS

    specs = [s for o in OPTIMIZERS.values() for s in o.PARAMS] + [s for ss in SCHEDULE_PARAMS.values() for s in ss]
    for spec in specs + list(TRAINING_PARAMS.values()) + list(PARAMS) + [SEED]:
        assert spec.meaning and spec.problem(spec.default) is None, spec.name
        assert spec.name in spec.tooltip() and spec.rule_text() in spec.tooltip()
        assert RULES[spec.name](spec.default) if spec.kind != "bool" else isinstance(spec.default, bool)
