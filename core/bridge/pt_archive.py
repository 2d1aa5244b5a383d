"""What a PyTorch weights file holds, learnt before torch loads (or allocates) anything.

``torch.save`` writes a zip archive of stored (uncompressed) records: ``<name>/data.pkl``, a
pickle of the saved object in which each tensor refers to a storage by key, and one record
``<name>/data/<key>`` per storage.  :func:`scan` reads the zip directory and walks the pickle's
opcodes with :func:`pickletools.genops`; it never unpickles (no object of the file's is built and
no function it names is called).  It follows just enough of the pickle machine (the stack, the
marks and the memo) to learn, for every entry of the saved dict, which kind of tensor it is,
its dtype, shape, strides and storage, and it refuses, each with one line:

* anything over the budget: a state_dict may hold at most :data:`MAX_NUMBERS` numbers (the most
  parameters a project's network may have) in storages of at most :data:`MAX_STORAGE_BYTES`
  bytes (a 511 KB file of views over one number asked for 755 MB once converted; a 4.2 MB one
  for 4 GiB of storage);
* tensors that are not dense real floating-point ones: sparse, quantized, nested, meta (no
  values), tensor subclasses, complex, integer and boolean tensors;
* a key that appears twice, a storage that its record or its tensor's view does not fit, a
  legacy (pre-zip) file, a compressed or oversized archive, a pickle that calls anything other
  than torch's tensor rebuilders.

Only then does :mod:`core.bridge.torch_weights` call ``torch.load(weights_only=True)``.
"""
from __future__ import annotations

import math
import os
import pickletools
import stat
import struct
import zipfile
from dataclasses import dataclass
from typing import Any

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.checks.validation import MAX_PARAMETERS, describe

MAX_NUMBERS = MAX_PARAMETERS
"""The most numbers the tensors of one file may hold together (a project's parameter limit)."""
MAX_STORAGE_BYTES = 8 * MAX_NUMBERS
"""The most bytes of storage one file may hold: MAX_NUMBERS numbers in float64."""
MAX_FILE_BYTES = MAX_STORAGE_BYTES + 2 ** 24
MAX_PICKLE_BYTES = 2 ** 20      # a state_dict of 100 Linear layers takes about 20 KB
MAX_RECORDS = 4096              # a state_dict of 100 Linear layers has about 210
MAX_DIMS = 8
REAL_FLOATS = {"float64": 8, "float32": 4, "float16": 2, "bfloat16": 2}
STORAGE_DTYPES = {"DoubleStorage": "float64", "FloatStorage": "float32", "HalfStorage": "float16",
                  "BFloat16Storage": "bfloat16", "ComplexDoubleStorage": "complex128",
                  "ComplexFloatStorage": "complex64", "LongStorage": "int64", "IntStorage": "int32",
                  "ShortStorage": "int16", "CharStorage": "int8", "ByteStorage": "uint8", "BoolStorage": "bool"}
"""The dtype of each typed storage class torch.save names (only the first four are accepted)."""
ACCEPTED = "only dense tensors of real floating-point numbers (float16, bfloat16, float32, float64) can be imported"
_LEGACY_MAGIC = b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"   # protocol 2, then torch's magic number
_REFUSED_KINDS = {
    "_rebuild_sparse_tensor": "a sparse tensor", "_rebuild_qtensor": "a quantized tensor",
    "_rebuild_nested_tensor": "a nested tensor",
    "_rebuild_meta_tensor_no_storage": "a meta tensor (it holds no values)",
    "_rebuild_wrapper_subclass": "a tensor subclass", "_rebuild_from_type_v2": "a tensor subclass",
    "_rebuild_device_tensor_from_numpy": "a tensor of a special device",
    "_rebuild_device_tensor_from_cpu_tensor": "a tensor of a special device",
}


@dataclass(frozen=True)
class Storage:
    """A storage record: ``dtype`` its element type (None for an untyped storage, whose
    ``numel`` counts bytes), or the storage class's name when it is not a real float."""

    type_name: str
    key: str
    numel: int

    @property
    def dtype(self) -> str | None:
        return None if self.type_name == "UntypedStorage" else STORAGE_DTYPES.get(self.type_name, self.type_name)


@dataclass(frozen=True)
class Tensor:
    """A dense tensor as the pickle describes it: a view (offset, size, stride) of a storage."""

    storage: Storage
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]
    dtype: str

    @property
    def numel(self) -> int:
        return math.prod(self.size)


@dataclass(frozen=True)
class _Global:
    module: str
    name: str


@dataclass(frozen=True)
class _Refused:
    kind: str


class _Dict(dict):     # type: ignore[type-arg]
    """A pickled dict; ``repeated`` is the first key set twice (torch.load would keep the last)."""

    repeated: Any = None


def scan(path: str | os.PathLike[str]) -> dict[str, Tensor]:
    """The tensors of the state_dict saved at ``path``, each checked, before anything is loaded.

    InputError with one line for every refusal listed in the module's docstring; OSError when
    the file cannot be read.
    """
    archive, prefix = _open_archive(path)
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        if infos[prefix + "data.pkl"].file_size > MAX_PICKLE_BYTES:
            raise InputError(f"its data.pkl is {infos[prefix + 'data.pkl'].file_size:,} bytes; a state_dict's "
                             f"is far smaller (the limit is {MAX_PICKLE_BYTES:,})")
        top = _walk(archive.read(prefix + "data.pkl"))
        tensors = _tensors_of(top)
        _check_storages(tensors, {name[len(prefix + "data/"):]: info.file_size for name, info in infos.items()
                                  if name.startswith(prefix + "data/")})
    return tensors


# -- the zip archive --------------------------------------------------------------------------
def _open_archive(path: str | os.PathLike[str]) -> tuple[zipfile.ZipFile, str]:
    """The archive and its records' common prefix (``name/``), its size and directory bounded first."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("cannot read it: not a regular file (a device, FIFO, socket or folder)")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(f"the file is {info.st_size:,} bytes; a state_dict of at most {MAX_NUMBERS:,} numbers "
                         f"takes at most {MAX_FILE_BYTES:,}")
    with open(path, "rb") as f:
        head = f.read(len(_LEGACY_MAGIC))
        f.seek(max(0, info.st_size - 65_557))      # the end record: 22 bytes and a comment of up to 64 KiB
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        if head == _LEGACY_MAGIC:
            raise InputError("a legacy PyTorch file (saved before PyTorch 1.6, or with "
                             "_use_new_zipfile_serialization=False), which cannot be checked before it is loaded: "
                             "save it again with torch.save in PyTorch 1.6 or later")
        raise InputError("not a PyTorch weights file (torch.save writes a zip archive; this is not one)")
    entries, directory = struct.unpack_from("<HI", tail, at + 10)   # records in all, the directory's bytes
    if entries > MAX_RECORDS or directory > 64 * MAX_RECORDS:
        raise InputError(f"its zip archive lists {entries:,} records; a state_dict's has far fewer "
                         f"(the limit is {MAX_RECORDS:,})")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise InputError(f"not a PyTorch weights file (a damaged zip archive: {e})") from None
    try:
        return archive, _prefix_of(archive, info.st_size)
    except BaseException:
        archive.close()
        raise


def _prefix_of(archive: zipfile.ZipFile, size: int) -> str:
    infos = archive.infolist()
    names = [i.filename for i in infos]
    if len(infos) > MAX_RECORDS:
        raise InputError(f"its zip archive lists {len(infos):,} records; the limit is {MAX_RECORDS:,}")
    if len(set(names)) != len(names):
        raise InputError("its zip archive lists a record twice")
    if any(i.compress_type != zipfile.ZIP_STORED for i in infos):
        raise InputError("its zip archive has compressed records, which torch.save never writes")
    if sum(i.file_size for i in infos) > size:
        raise InputError("its zip archive's records are larger than the file")
    prefixes = {name.partition("/")[0] for name in names}
    prefix = next(iter(prefixes)) + "/" if len(prefixes) == 1 else ""
    if not prefix or prefix + "data.pkl" not in names:
        raise InputError("not a PyTorch weights file (a zip archive without torch.save's data.pkl)")
    return prefix


def _check_storages(tensors: dict[str, Tensor], records: dict[str, int]) -> None:
    """Every storage's record holds its bytes; the totals stay within the budget."""
    storages = {t.storage.key: t.storage for t in tensors.values()}
    total = 0
    for key, tensor in tensors.items():
        storage = tensor.storage
        nbytes = storage.numel * (1 if storage.dtype is None else REAL_FLOATS[tensor.dtype])
        if storage.key not in records:
            raise InputError(f"{describe(key)}: its storage {describe(storage.key)} has no record in the archive")
        if records[storage.key] < nbytes:
            raise InputError(f"{describe(key)}: its storage needs {nbytes:,} bytes, its record holds "
                             f"{records[storage.key]:,}")
    for storage in storages.values():
        total += records[storage.key]
    if total > MAX_STORAGE_BYTES:
        raise InputError(f"its storages take {total:,} bytes; the limit is {MAX_STORAGE_BYTES:,} "
                         f"({MAX_NUMBERS:,} numbers in float64)")


# -- the pickle --------------------------------------------------------------------------------
def _walk(data: bytes) -> Any:
    """The top-level object of a pickle, as far as the pickle machine's opcodes describe it."""
    stack: list[Any] = []
    marks: list[list[Any]] = []
    memo: dict[int, Any] = {}
    try:
        for op, arg, _pos in pickletools.genops(data):
            name = op.name
            if name == "STOP":
                return stack.pop()
            if name == "MARK":
                marks.append(stack)
                stack = []
            elif name in ("TUPLE", "APPENDS", "SETITEMS"):
                items, stack = stack, marks.pop()
                _collect(name, items, stack)
            else:
                _step(name, arg, stack, memo)
    except InputError:
        raise
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as e:
        raise InputError(f"not a PyTorch weights file (its data.pkl is not a valid pickle: "
                         f"{type(e).__name__})") from None
    raise InputError("not a PyTorch weights file (its data.pkl has no end)")


_CONSTANTS: dict[str, Any] = {"NONE": None, "NEWTRUE": True, "NEWFALSE": False, "EMPTY_TUPLE": ()}
_VALUES = ("BININT", "BININT1", "BININT2", "LONG1", "BINFLOAT", "BINUNICODE", "SHORT_BINSTRING")


def _step(name: str, arg: Any, stack: list[Any], memo: dict[int, Any]) -> None:
    """One opcode of the subset torch's weights-only unpickler reads (protocol 2)."""
    if name in _VALUES:
        stack.append(arg)
    elif name in _CONSTANTS:
        stack.append(_CONSTANTS[name])
    elif name == "PROTO":
        pass
    elif name in ("EMPTY_LIST", "EMPTY_DICT", "EMPTY_SET"):
        stack.append([] if name == "EMPTY_LIST" else _Dict() if name == "EMPTY_DICT" else set())
    elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
        n = int(name[-1])
        stack[-n:] = [tuple(stack[-n:])]
    elif name in ("BINPUT", "LONG_BINPUT"):
        memo[arg] = stack[-1]
    elif name in ("BINGET", "LONG_BINGET"):
        stack.append(memo[arg])
    elif name == "GLOBAL":
        module, _, qualname = arg.partition(" ")
        stack.append(_Global(module, qualname))
    elif name == "BINPERSID":
        stack.append(_storage(stack.pop()))
    elif name == "REDUCE":
        args = stack.pop()
        stack[-1] = _reduce(stack[-1], args)
    elif name in ("APPEND", "SETITEM"):
        _collect(name + "S", [stack.pop()] if name == "APPEND" else [stack.pop(-2), stack.pop()], stack)
    elif name == "BUILD":
        stack.pop()          # the state of an OrderedDict (its _metadata) or a legacy tensor: not needed
    else:
        raise InputError(f"refused: its data.pkl uses the pickle opcode {name}, which "
                         "torch.load(weights_only=True) does not read (save it with torch.save's default protocol)")


def _collect(name: str, items: list[Any], stack: list[Any]) -> None:
    if name == "TUPLE":
        stack.append(tuple(items))
        return
    target = stack[-1]
    if name == "APPENDS":
        if not isinstance(target, list):
            raise TypeError("APPENDS")
        target.extend(items)
        return
    if not isinstance(target, _Dict) or len(items) % 2:
        raise TypeError("SETITEMS")
    for key, value in zip(items[0::2], items[1::2]):
        if key in target and target.repeated is None:
            target.repeated = key
        target[key] = value


def _storage(pid: Any) -> Storage:
    """The storage a persistent id names: ("storage", storage class, key, location, numel)."""
    if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage" and isinstance(pid[1], _Global)
            and isinstance(pid[2], str) and isinstance(pid[3], str) and _whole(pid[4])):
        raise InputError("not a PyTorch weights file (a storage reference it does not describe)")
    return Storage(pid[1].name, pid[2], pid[4])


def _reduce(func: Any, args: Any) -> Any:
    """What calling ``func(*args)`` would give, described: a tensor, a dict, a refused kind."""
    if not isinstance(func, _Global) or not isinstance(args, tuple):
        raise TypeError("REDUCE")
    where = (func.module, func.name)
    if where == ("collections", "OrderedDict") and args == ():
        return _Dict()
    if where == ("torch", "Size") and len(args) == 1 and isinstance(args[0], tuple):
        return args[0]
    if func.module in ("torch._utils", "torch._tensor", "torch.serialization"):
        if func.name in ("_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3"):
            return _tensor(func.name, args)
        if func.name in ("_rebuild_parameter", "_rebuild_parameter_with_state") and args:
            return args[0]
        if func.name in _REFUSED_KINDS:
            return _Refused(_REFUSED_KINDS[func.name])
        if func.name == "_get_layout":
            return _Refused("a tensor of another layout")
    raise InputError(f"refused: it calls {describe(func.module + '.' + func.name)}, which a state_dict of "
                     "tensors never does (only tensors are read, as torch.load(weights_only=True) reads them)")


def _tensor(rebuild: str, args: tuple[Any, ...]) -> Tensor:
    """A view (storage, offset, size, stride) from _rebuild_tensor[_v2|_v3]'s arguments."""
    if len(args) < 4 or not isinstance(args[0], Storage) or not _whole(args[1]):
        raise InputError("not a PyTorch weights file (a tensor it does not describe)")
    size, stride = args[2], args[3]
    if not (isinstance(size, tuple) and isinstance(stride, tuple) and len(size) == len(stride) <= MAX_DIMS
            and all(_whole(n) for n in size + stride)):
        raise InputError("not a PyTorch weights file (a tensor shape it does not describe)")
    dtype = args[0].dtype
    if rebuild == "_rebuild_tensor_v3":
        dtype = args[6].name if len(args) > 6 and isinstance(args[6], _Global) else "an unknown type"
    return Tensor(args[0], args[1], size, stride, dtype or "an unknown type")


def _whole(n: Any) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


# -- the saved dict ----------------------------------------------------------------------------
def _tensors_of(top: Any) -> dict[str, Tensor]:
    """The entries of the saved dict, each a dense real floating tensor whose view fits its storage."""
    if not isinstance(top, _Dict):
        kind = "a tensor" if isinstance(top, (Tensor, _Refused)) else "a list" if isinstance(top, list) else (
            "a tuple" if isinstance(top, tuple) else f"{describe(top)}")
        raise InputError(f"not a state_dict (expected a dict of named tensors, got {kind})")
    if not top:
        raise InputError("not a state_dict (expected a dict of named tensors, got an empty dict)")
    if top.repeated is not None:
        raise InputError(f"the key {describe(top.repeated)} appears twice (torch.load would keep the last)")
    out: dict[str, Tensor] = {}
    numbers = 0
    for key, value in top.items():
        if not isinstance(key, str):
            raise InputError(f"not a state_dict (a key that is not a name: {describe(key)})")
        if isinstance(value, _Refused):
            raise InputError(f"{describe(key)}: {value.kind}; {ACCEPTED}")
        if not isinstance(value, Tensor):
            raise InputError(f"not a state_dict (expected a dict of named tensors, got a dict whose entry "
                             f"{describe(key)} is {describe(value)})")
        if value.dtype not in REAL_FLOATS:
            raise InputError(f"{describe(key)}: {_dtype_words(value.dtype)}; {ACCEPTED}")
        _check_view(key, value)
        numbers += value.numel
        if numbers > MAX_NUMBERS:
            raise InputError(f"its tensors hold more than {MAX_NUMBERS:,} numbers (at {describe(key)}); the limit "
                             "is the most parameters a project's network may have")
        out[key] = value
    return out


def _dtype_words(dtype: str) -> str:
    if dtype.startswith("complex"):
        return f"complex numbers ({dtype}), whose imaginary part would be lost"
    if dtype.startswith(("Q", "q")):
        return f"a quantized tensor ({dtype})"
    return f"a tensor of {dtype}"


def _check_view(key: str, t: Tensor) -> None:
    """The view's last element lies inside its storage (counted in elements)."""
    if t.numel == 0:
        return
    elements = t.storage.numel // (REAL_FLOATS[t.dtype] if t.storage.dtype is None else 1)
    last = t.offset + sum((n - 1) * s for n, s in zip(t.size, t.stride))
    if last >= elements:
        raise InputError(f"{describe(key)}: its shape {t.size} reaches past its storage of {elements:,} numbers")
