"""``import-torch`` with files from others (issue 22 §6): bounded before anything is loaded, only
dense real floating tensors, no ambiguous keys, one line and exit 2 for every refusal.

Before: a 511 KB file of views over one number took 755 MB once converted, a storage that claims
more than its record asked for 4 GiB, sparse, meta, quantized and nested tensors gave a
traceback, complex weights lost their imaginary part, ``00.weight`` silently replaced
``0.weight``, and a file torch could not read got torch's advice to load it with
``weights_only`` switched off.  The files are built here with torch (``torch.save``) or, for
what torch.save never writes, with a pickle of our own in torch's zip layout.
"""
from __future__ import annotations

import collections
import io
import pickle
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from backprop_studio.core.cli.main import main as cli_main
from backprop_studio.core.files import project_file
from backprop_studio.core.files.resources import EXAMPLES_DIR

torch = pytest.importorskip("torch")
# building sparse CSR, quantized and nested tensors makes torch warn that they are beta or deprecated
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

ARTICLE = EXAMPLES_DIR / "article_3_2_1.json"     # 3 -> 2 -> 1, no biases
W0 = np.array([[0.1, 0.4], [0.2, -0.3], [0.5, -0.6]])
W1 = np.array([[0.7], [-0.2]])


def import_file(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    out = tmp_path / "out.json"
    code = cli_main(["import-torch", str(path), "--like", str(ARTICLE), "-o", str(out)])
    err = capsys.readouterr().err
    if code != 0:
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert not out.exists()
        assert not re.search(r"weights_only\W*(set to\W*)?False", err)     # never the unsafe advice
    return code, err


def saved(tmp_path: Path, obj: Any, name: str = "w.pt", **kwargs: Any) -> Path:
    path = tmp_path / name
    torch.save(obj, path, **kwargs)
    return path


def article_state(**dtype: Any) -> dict[str, Any]:
    return {"0.weight": torch.tensor(W0.T.copy(), **dtype), "2.weight": torch.tensor(W1.T.copy(), **dtype)}


# -- tensors that are not dense, real and floating ---------------------------------------------
KINDS = {
    "sparse": (lambda: torch.tensor(W0.T.copy()).to_sparse(), "sparse"),
    "sparse-csr": (lambda: torch.tensor(W0.T.copy()).to_sparse_csr(), "sparse"),
    "meta": (lambda: torch.zeros(2, 3, device="meta", dtype=torch.float64), "meta"),
    "quantized": (lambda: torch.quantize_per_tensor(torch.zeros(2, 3), 0.1, 0, torch.qint8), "quantized"),
    "nested": (lambda: torch.nested.nested_tensor([torch.zeros(3), torch.zeros(3)]), "nested"),
    "complex": (lambda: torch.tensor(W0.T.copy()) + 1j, "complex"),
    "integer": (lambda: torch.zeros(2, 3, dtype=torch.int64), "int64"),
    "boolean": (lambda: torch.zeros(2, 3, dtype=torch.bool), "bool"),
    "float8": (lambda: torch.zeros(2, 3, dtype=torch.float8_e4m3fn), "float8"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_only_dense_real_floating_tensors_are_imported(kind, tmp_path, capsys):
    make, words = KINDS[kind]
    state = article_state()
    state["0.weight"] = make()
    code, err = import_file(saved(tmp_path, state), tmp_path, capsys)
    assert code == 2
    assert "'0.weight'" in err and words in err and "only dense tensors of real floating-point numbers" in err


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32, torch.float64])
def test_every_real_floating_dtype_is_imported(dtype, tmp_path, capsys):
    state = {k: v.to(dtype) for k, v in article_state().items()}
    code, _ = import_file(saved(tmp_path, state), tmp_path, capsys)
    assert code == 0
    net = project_file.load(tmp_path / "out.json").network
    for W, expected in zip(net.W, (W0, W1)):     # as torch rounds them to the dtype, by hand
        np.testing.assert_array_equal(W, torch.tensor(expected).to(dtype).to(torch.float64).numpy())


def test_parameters_and_views_are_imported_as_their_values(tmp_path, capsys):
    flat = torch.tensor([9.0, 9.0, *W0.T.ravel(), 9.0], dtype=torch.float64)
    state = {"0.weight": flat[2:8].view(2, 3), "2.weight": torch.nn.Parameter(torch.tensor(W1.T.copy()))}
    code, _ = import_file(saved(tmp_path, state), tmp_path, capsys)
    assert code == 0
    net = project_file.load(tmp_path / "out.json").network
    np.testing.assert_array_equal(net.W[0], W0)
    np.testing.assert_array_equal(net.W[1], W1)


# -- keys ----------------------------------------------------------------------------------------
def test_keys_that_name_the_same_layer_are_refused(tmp_path, capsys):
    state = article_state()
    state["00.weight"] = torch.ones(2, 3, dtype=torch.float64)
    code, err = import_file(saved(tmp_path, state), tmp_path, capsys)
    assert code == 2 and "'0.weight'" in err and "'00.weight'" in err and "both name 0.weight" in err


def test_digits_of_other_scripts_are_not_layer_numbers(tmp_path, capsys):
    state = article_state()
    state["\u0662.weight"] = state.pop("2.weight")     # ARABIC-INDIC DIGIT TWO: int() reads it as 2
    code, err = import_file(saved(tmp_path, state), tmp_path, capsys)
    assert code == 2 and "unexpected key" in err


# -- files torch.save never writes: a pickle of our own in torch's zip layout --------------------
class FakeStorage:
    def __init__(self, kind: Any, key: str, numel: int) -> None:
        self.kind, self.key, self.numel = kind, key, numel


class FakeTensor:
    def __init__(self, storage: FakeStorage, offset: int, size: tuple[int, ...], stride: tuple[int, ...]) -> None:
        self.args = (storage, offset, size, stride, False, collections.OrderedDict())

    def __reduce__(self) -> Any:
        return (torch._utils._rebuild_tensor_v2, self.args)


class TorchLikePickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, FakeStorage):
            return ("storage", obj.kind, obj.key, "cpu", obj.numel)
        return None


class Pairs:
    """Pickled as an OrderedDict whose items are the given pairs (a key may appear twice)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs

    def __reduce__(self) -> Any:
        return (collections.OrderedDict, (), None, None, iter(self.pairs))


def crafted(tmp_path: Path, pairs: list[tuple[str, Any]], records: dict[str, bytes]) -> Path:
    """A torch.save-like archive: data.pkl pickles the (key, value) pairs as one OrderedDict,
    the records are the storages' bytes."""
    buffer = io.BytesIO()
    TorchLikePickler(buffer, protocol=2).dump(Pairs(pairs))
    path = tmp_path / "crafted.pt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", buffer.getvalue())
        z.writestr("archive/byteorder", "little")
        for key, raw in records.items():
            z.writestr(f"archive/data/{key}", raw)
        z.writestr("archive/version", "3\n")
    return path


def test_a_sound_crafted_archive_is_imported(tmp_path, capsys):
    """The helper writes what torch reads: the refusals below are about what they change."""
    w = FakeStorage(torch.DoubleStorage, "0", 6)
    v = FakeStorage(torch.DoubleStorage, "1", 2)
    pairs = [("0.weight", FakeTensor(w, 0, (2, 3), (3, 1))), ("2.weight", FakeTensor(v, 0, (1, 2), (2, 1)))]
    path = crafted(tmp_path, pairs, {"0": W0.T.tobytes(), "1": W1.T.tobytes()})
    code, _ = import_file(path, tmp_path, capsys)
    assert code == 0
    net = project_file.load(tmp_path / "out.json").network
    np.testing.assert_array_equal(net.W[0], W0)
    np.testing.assert_array_equal(net.W[1], W1)


def test_a_storage_larger_than_its_record_is_refused_before_it_is_allocated(tmp_path, capsys):
    huge = FakeStorage(torch.DoubleStorage, "0", 2 ** 29)           # 4 GiB of float64, 8 bytes on disk
    path = crafted(tmp_path, [("0.weight", FakeTensor(huge, 0, (2, 3), (3, 1))),
                              ("2.weight", FakeTensor(FakeStorage(torch.DoubleStorage, "1", 2), 0, (1, 2), (2, 1)))],
                   {"0": bytes(8), "1": bytes(16)})
    code, err = import_file(path, tmp_path, capsys)
    assert code == 2 and "needs 4,294,967,296 bytes, its record holds 8" in err


def test_views_over_more_numbers_than_a_network_may_have_are_refused(tmp_path, capsys):
    one = FakeStorage(torch.FloatStorage, "0", 1)        # 1e9 float32 views of one number: 8 GB as float64
    path = crafted(tmp_path, [("0.weight", FakeTensor(one, 0, (100_000, 10_000), (0, 0))),
                              ("2.weight", FakeTensor(one, 0, (1, 2), (0, 0)))], {"0": bytes(4)})
    code, err = import_file(path, tmp_path, capsys)
    assert code == 2 and "more than 10,000,000 numbers" in err


def test_storages_over_the_budget_are_refused(tmp_path, capsys, monkeypatch):
    from backprop_studio.core.bridge import pt_archive
    monkeypatch.setattr(pt_archive, "MAX_STORAGE_BYTES", 40)
    code, err = import_file(saved(tmp_path, article_state()), tmp_path, capsys)      # 64 bytes of float64
    assert code == 2 and "its storages take 64 bytes; the limit is 40" in err


def test_a_view_past_the_end_of_its_storage_is_refused(tmp_path, capsys):
    six = FakeStorage(torch.DoubleStorage, "0", 6)
    path = crafted(tmp_path, [("0.weight", FakeTensor(six, 5, (2, 3), (3, 1))),
                              ("2.weight", FakeTensor(six, 0, (1, 2), (2, 1)))], {"0": bytes(48)})
    code, err = import_file(path, tmp_path, capsys)
    assert code == 2 and "'0.weight'" in err and "reaches past its storage of 6 numbers" in err


def test_a_key_set_twice_is_refused(tmp_path, capsys):
    w = FakeStorage(torch.DoubleStorage, "0", 6)
    v = FakeStorage(torch.DoubleStorage, "1", 2)
    pairs = [("0.weight", FakeTensor(w, 0, (2, 3), (3, 1))), ("2.weight", FakeTensor(v, 0, (1, 2), (2, 1))),
             ("0.weight", FakeTensor(w, 0, (2, 3), (3, 1)))]
    path = crafted(tmp_path, pairs, {"0": bytes(48), "1": bytes(16)})
    code, err = import_file(path, tmp_path, capsys)
    assert code == 2 and "'0.weight' appears twice" in err


# -- files that are not torch's zip archives ---------------------------------------------------
def test_a_file_of_zeros_gets_one_line_without_unsafe_advice(tmp_path, capsys):
    zeros = tmp_path / "zeros.pt"
    zeros.write_bytes(bytes(4_000_000))
    code, err = import_file(zeros, tmp_path, capsys)
    assert code == 2 and "not a PyTorch weights file" in err and "weights_only" not in err


def test_a_legacy_file_is_refused_with_one_line(tmp_path, capsys):
    path = saved(tmp_path, article_state(), _use_new_zipfile_serialization=False)
    code, err = import_file(path, tmp_path, capsys)
    assert code == 2 and "legacy PyTorch file" in err


def test_a_pickle_protocol_torch_does_not_read_safely_is_refused_with_one_line(tmp_path, capsys):
    code, err = import_file(saved(tmp_path, article_state(), pickle_protocol=4), tmp_path, capsys)
    assert code == 2 and "pickle opcode" in err
