"""The ``surface`` and ``descend`` subcommands: files written, exit codes, typed negatives."""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pytest

from backprop_studio.core.cli.surfaces import register
from backprop_studio.core.engine.forward import batch_loss
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.files import project_file
from backprop_studio.core.surfaces.landscape_grid import unflatten

ROOT = Path(__file__).resolve().parents[2]
XOR = ROOT / "resources" / "examples" / "xor.json"


def own_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="test")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def run_own(capsys, *argv):
    args = own_parser().parse_args([str(a) for a in argv])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def run_main(capsys, *argv):
    from backprop_studio.core.cli.main import main
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


RUNNERS = [run_own, run_main]


def rows(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("runner", RUNNERS, ids=["own parser", "backprop_studio.core.cli.main"])
def test_descend_with_a_typed_negative_start(runner, capsys, tmp_path):
    out = tmp_path / "h.csv"
    code, stdout, err = runner(capsys, "descend", "--function", "himmelblau", "--optimizer", "sgd",
                               "--lr", "0.01", "--start", "-1.5,2", "--steps", "500", "--out", out)
    assert code == 0 and err == "" and stdout.startswith("converged")
    table = rows(out)
    assert table[0] == ["step", "x", "y", "loss", "df_dx", "df_dy"]
    # by hand at (-1.5, 2): a = -6.75, b = -4.5, f = a^2 + b^2, grad = (4xa + 2b, 2a + 4yb)
    assert [float(v) for v in table[1]] == [0, -1.5, 2.0, 65.8125, 31.5, -49.5]
    np.testing.assert_allclose([float(v) for v in table[2][1:3]], [-1.815, 2.495], rtol=1e-14)
    np.testing.assert_allclose([float(v) for v in table[-1][1:3]], [-2.805118, 3.131312], atol=1e-5)


@pytest.mark.parametrize("start, expected", [("-1.5", [-1.5]), ("-1e-3", [-1e-3])])
def test_descend_one_dimensional_negative_starts(capsys, tmp_path, start, expected):
    out = tmp_path / "p.csv"
    code, _, err = run_own(capsys, "descend", "--expr", "x^2", "--optimizer", "sgd", "--lr", "0.25",
                           "--start", start, "--steps", "2", "--out", out)
    table = rows(out)
    assert code == 0 and table[0] == ["step", "x", "loss", "df_dx"]
    x0 = expected[0]
    assert [float(r[1]) for r in table[1:]] == [x0, x0 / 2, x0 / 4]     # x' = x - 0.25 * 2x


@pytest.mark.parametrize("runner", RUNNERS, ids=["own parser", "backprop_studio.core.cli.main"])
def test_an_expression_starting_with_minus_works_as_typed(runner, capsys, tmp_path):
    out = tmp_path / "m.csv"
    code, _, err = runner(capsys, "descend", "--expr", "-cos(x)", "--optimizer", "sgd", "--lr", "0.5",
                          "--start", "-1", "--steps", "1", "--out", out)
    table = rows(out)
    assert code == 0 and err == ""
    assert [float(v) for v in table[1]] == [0, -1.0, -np.cos(1.0), -np.sin(1.0)]   # d(-cos x) = sin x


def test_a_mistyped_single_dash_option_is_still_refused(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        own_parser().parse_args(["descend", "--function", "parabola", "--optimizer", "sgd",
                                 "--lr", "0.1", "-steps", "3", "--out", str(tmp_path / "x.csv")])
    assert info.value.code == 2
    assert "unrecognized arguments: -steps" in capsys.readouterr().err


def test_descend_expression_in_two_variables_with_hyperparameters(capsys, tmp_path):
    out = tmp_path / "e.csv"
    code, _, _ = run_main(capsys, "descend", "--expr", "x^2 + 10*y^2", "--optimizer", "sgd",
                          "--lr", "0.01", "--hyper", "momentum=0.5", "--hyper", "nesterov=true",
                          "--start", "-1,-1e-1", "--steps", "1", "--out", out)
    table = rows(out)
    assert code == 0 and [float(v) for v in table[1]] == [0, -1.0, -0.1, 1.1, -2.0, -2.0]
    # nesterov, first step: buf = g, g + 0.5 buf = 1.5 g;  x1 = x0 - 0.01 * 1.5 g
    np.testing.assert_allclose([float(v) for v in table[2][1:3]], [-0.97, -0.07])


def test_descend_divergence_exits_3_naming_the_step(capsys, tmp_path):
    out = tmp_path / "d.csv"
    code, _, err = run_own(capsys, "descend", "--function", "parabola", "--optimizer", "sgd",
                           "--lr", "1.5", "--start", "2.5", "--out", out)
    assert code == 3 and "step 16" in err and err.count("\n") == 1
    assert len(rows(out)) == 1 + 17          # the header and steps 0..16 are written


BAD_DESCEND = [
    ["--function", "banana", "--optimizer", "sgd", "--lr", "0.1"],
    ["--expr", "__import__('os')", "--optimizer", "sgd", "--lr", "0.1"],
    ["--expr", "x.real", "--optimizer", "sgd", "--lr", "0.1"],
    ["--expr", "x^", "--optimizer", "sgd", "--lr", "0.1"],
    ["--function", "parabola", "--optimizer", "newton", "--lr", "0.1"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "-0.1"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "0.1", "--start", "a,b"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "0.1", "--start", "1,2"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "0.1", "--start", "nan"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "0.1", "--hyper", "speed=3"],
    ["--function", "parabola", "--optimizer", "sgd", "--lr", "0.1", "--steps", "-4"],
]


@pytest.mark.parametrize("argv", BAD_DESCEND, ids=lambda a: " ".join(a[:2] + a[-2:]))
@pytest.mark.parametrize("runner", RUNNERS, ids=["own parser", "backprop_studio.core.cli.main"])
def test_descend_bad_input_exits_2_with_one_line(runner, argv, capsys, tmp_path):
    code, _, err = runner(capsys, "descend", *argv, "--out", tmp_path / "x.csv")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_descend_refuses_an_output_that_is_not_csv(capsys, tmp_path):
    code, _, err = run_own(capsys, "descend", "--function", "parabola", "--optimizer", "sgd",
                           "--lr", "0.1", "--out", tmp_path / "x.txt")
    assert code == 2 and ".csv" in err


def sampled_losses_match(session, data, samples=5):
    """Grid values of a written .npz against single forward passes of the file's network."""
    net, loss = session.network, LOSSES[session.config.loss]
    rng = np.random.default_rng(0)
    values = data["values"]
    for _ in range(samples):
        idx = tuple(rng.integers(0, s) for s in values.shape)
        coords = np.array([data[f"axis_{k}"][idx[-1 - k]] for k in range(values.ndim)])
        theta = data["center"] + coords @ data["directions"]
        work = net.copy()
        work.set_parameters(unflatten(theta, net))
        assert values[idx] == pytest.approx(batch_loss(work, session.dataset.inputs, session.targets,
                                                       loss), rel=1e-12)


@pytest.mark.parametrize("mode, extra", [
    ("params", ["--params", "W0[0,1]", "b0[1]", "--span", "2"]),
    ("random", ["--normalisation", "layer", "--seed", "3", "--train-steps", "20"]),
    ("line", ["--train-steps", "20"]),
    ("pca", ["--train-steps", "30"]),
])
def test_surface_modes_write_npz_grids_that_equal_forward_passes(mode, extra, capsys, tmp_path):
    out = tmp_path / f"{mode}.npz"
    code, _, err = run_main(capsys, "surface", XOR, "--mode", mode, "--grid", "11", *extra, "--out", out)
    assert code == 0 and err == ""
    with np.load(out, allow_pickle=False) as data:
        assert str(data["mode"]) == mode
        session = project_file.load(XOR)
        steps = next((int(extra[i + 1]) for i, a in enumerate(extra) if a == "--train-steps"), 0)
        session.run(steps=steps)
        sampled_losses_match(session, data)
        if steps:
            assert data["path"].shape[0] == steps + 1
        if mode == "pca":
            share = data["explained_variance"]
            assert share.shape == (2,) and 0 < share.sum() <= 1 + 1e-12
        if mode == "params":
            assert list(data["labels"]) == ["W0[0,1]", "b0[1]"]


def test_surface_csv_has_one_row_per_grid_point(capsys, tmp_path):
    out = tmp_path / "s.csv"
    code, _, _ = run_own(capsys, "surface", XOR, "--mode", "params", "--params", "W0[0,0]", "W0[1,0]",
                         "--grid", "7", "--out", out)
    table = rows(out)
    assert code == 0 and table[0] == ["W0[0,0]", "W0[1,0]", "loss"] and len(table) == 1 + 49


@pytest.mark.parametrize("argv, fragment", [
    (["--mode", "params"], "--params"),
    (["--mode", "params", "--params", "W9[0,0]", "W0[0,0]"], "W9"),
    (["--mode", "line"], "--train-steps"),
    (["--mode", "random", "--grid", "100000"], "grid"),
    (["--mode", "random", "--span", "-1"], "--span"),
])
def test_surface_bad_input_exits_2_with_one_line(argv, fragment, capsys, tmp_path):
    code, _, err = run_own(capsys, "surface", XOR, *argv, "--out", tmp_path / "s.npz")
    assert code == 2 and fragment in err and err.count("\n") == 1


def test_surface_of_a_missing_or_broken_file_exits_2(capsys, tmp_path):
    code, _, err = run_own(capsys, "surface", tmp_path / "none.json", "--mode", "random",
                           "--out", tmp_path / "s.npz")
    assert code == 2 and err.count("\n") == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "backprop-studio", "version": 1, "network": [')
    code, _, err = run_main(capsys, "surface", broken, "--mode", "random", "--out", tmp_path / "s.npz")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
