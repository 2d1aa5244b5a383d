"""Bounded memory: the step-back history keeps its 64 MiB for every network size, and a job
too large for memory is refused in one line before it starts."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.checks import memory
from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.validation import MAX_PARAMETERS
from backprop_studio.core.cli.main import main
from backprop_studio.core.data.datasets import Dataset
from backprop_studio.core.engine.network import build
from backprop_studio.core.files import project_file
from backprop_studio.core.training.history import History
from backprop_studio.core.training.session import Session, TrainingConfig

from .test_session import assert_same, snapshot

MiB = 2 ** 20
ARTICLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "article_3_2_1.json"
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _session(sizes: list[int], samples: int, optimizer: str = "adam", batch: int = 1) -> Session:
    rng = np.random.default_rng(0)
    data = Dataset(rng.normal(size=(samples, sizes[0])), rng.uniform(size=(samples, sizes[-1])))
    config = TrainingConfig(optimizer=optimizer, optimizer_params={"learning_rate": 1e-3},
                            batch_size=batch, shuffle=True, seed=2)
    return Session(build(sizes, "sigmoid", seed=1), data, config)


def test_a_784_300_10_adam_history_stays_under_64_mib_and_steps_back_exactly():
    """One state is 5.7 MB (3 x 238,510 float64): before, 300 steps kept 100 of them (570 MB)."""
    s = _session([784, 300, 10], 50)
    kept = {}
    for step in range(1, 301):
        s.step()
        if step in (299, 296, 290, 180, 1):
            kept[step] = snapshot(s)
        assert s.history.own_nbytes() <= 64 * MiB
    assert s.history.nbytes() <= 64 * MiB + s.state().nbytes()
    for step in (299, 296, 290, 180, 1):       # the dense tail, then recomputed from the grid
        assert s.go_to(step)
        assert_same(snapshot(s), kept[step])
        assert s.history.own_nbytes() <= 64 * MiB


def test_back_step_is_exact_when_only_a_few_states_fit():
    s = _session([5, 7, 2], 9)
    s.history = History(budget=3 * s.state().nbytes())
    s.history.configure(s.state().nbytes())
    s.history.add(s.state(), pin=True)
    trail = [snapshot(s)]
    for _ in range(40):
        s.step()
        trail.append(snapshot(s))
        assert s.history.own_nbytes() <= s.history.budget
    while s.back_step():
        assert_same(snapshot(s), trail[s.step_count])
    assert s.step_count < 40


def test_pinned_edits_count_against_the_budget_too():
    s = _session([20, 30, 3], 9)
    state = s.state().nbytes()
    s.history = History(budget=10 * state)
    s.history.configure(state)
    for _ in range(50):        # 50 typed values: each pins a whole state
        s.step()
        s.set_parameters([p + 1e-3 for p in s.network.parameters()])
        assert s.history.own_nbytes() <= s.history.budget
    edited = snapshot(s)
    s.step()
    assert s.back_step()
    assert_same(snapshot(s), edited)


def test_the_largest_network_the_format_allows_keeps_the_bound():
    """~10 million parameters with Adam: one state is 240 MB, so only the current one is kept."""
    sizes = [990, 10_000, 1]
    assert 9_900_000 < 990 * 10_000 + 10_000 + 10_001 <= MAX_PARAMETERS
    s = _session(sizes, 4)
    for _ in range(6):
        s.step()
        assert s.history.own_nbytes() <= 64 * MiB
    assert len(s.history.states) == 1 and not s.can_step_back


# -- out of memory is a clean error ------------------------------------------------------------
def _huge_project(tmp_path) -> str:
    """[1, 20000, 1], 100,000 samples, full batch: one step needs ~60 GiB (16 GB per v_in)."""
    s = _session([1, 20_000, 1], 100_000, optimizer="sgd", batch=0)
    path = tmp_path / "huge.json"
    project_file.save(s, path)
    return str(path)


@pytest.mark.parametrize("argv", [["train", "--steps", "1", "--no-save"], ["check", "--samples", "0"],
                                  ["trace"], ["surface", "--mode", "random", "--grid", "3"]],
                         ids=lambda a: a[0])
def test_a_job_too_big_for_memory_is_refused_first_in_one_line(argv, tmp_path, capsys):
    """Before: numpy's _ArrayMemoryError traceback (exit 1), or the process was killed (137)."""
    path = _huge_project(tmp_path)
    extra = ["--out", str(tmp_path / "s.npz")] if argv[0] == "surface" else []
    assert main([argv[0], path, *argv[1:], *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "GiB of memory; the limit is 4 GiB" in err


def test_memory_error_anywhere_is_one_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "xor.json"
    project_file.save(_session([2, 3, 1], 4), path)

    def no_memory(*_args, **_kwargs):
        raise MemoryError("Unable to allocate 7.28 TiB for an array")  # numpy raises a subclass

    monkeypatch.setattr("backprop_studio.core.training.session.Session.run", no_memory)
    assert main(["train", str(path), "--steps", "3", "--no-save"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "out of memory" in err and "Traceback" not in err


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_example_fits_the_memory_limit(path):
    s = project_file.load(path)
    memory.check_training(s)
    memory.check_samples(s, len(s.dataset), "a gradient check")
    memory.check_surface(s, 100)


# -- reading a project in bounded memory ------------------------------------------------------
def _peak_while(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("item,limit", [("[]", "the limit is 2,000,000"), ("0", "the limit is 8,000,000")])
def test_a_64_mib_file_of_empty_lists_or_values_is_refused_before_it_is_built(item, limit, tmp_path):
    """Before, the empty lists took 1.7 GB of RSS to read (2.8 GB under view), then failed."""
    head = '{"format": "backprop-studio", "version": 1, "view": ['
    n = (project_file.MAX_FILE_BYTES - len(head) - 2) // (len(item) + 1)
    path = tmp_path / "big.json"
    path.write_text(head + ",".join([item] * n) + "]}")
    assert path.stat().st_size <= project_file.MAX_FILE_BYTES
    with pytest.raises(InputError, match=limit):
        project_file.load(path)
    peak = _peak_while(lambda: pytest.raises(InputError, project_file.load, path))
    assert peak < 256 * MiB, f"peak {peak / MiB:.0f} MiB"        # the bytes and the text: 128 MiB


def test_a_large_real_project_still_loads(tmp_path):
    s = _session([784, 300, 10], 500)
    s.run(steps=3)
    path = tmp_path / "mnist-like.json"
    project_file.save(s, path)
    again = project_file.load(path)
    assert all(np.array_equal(p, q) for p, q in zip(again.network.parameters(), s.network.parameters()))


def test_nesting_is_bounded_before_the_parser_recurses(tmp_path):
    """Before, nesting was left to the parser's recursion guard (and Python's stack)."""
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "backprop-studio", "version": 1, "view": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(InputError, match=r"nested 5,001 deep is too deep for a project file; the limit is 48"):
        project_file.load(deep)


def test_a_view_nested_to_its_own_limit_still_loads(tmp_path):
    from backprop_studio.core.checks.validation import MAX_NESTING

    doc = json.loads(ARTICLE.read_text())
    doc["view"] = {"a": json.loads("[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1))}
    path = tmp_path / "view.json"
    path.write_text(json.dumps(doc))
    assert project_file.load(path).network.sizes == [3, 2, 1]
