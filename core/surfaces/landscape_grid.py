"""Batched loss evaluation for loss landscapes: many parameter vectors, one pass.

The parameters of a network are handled as one flat vector theta of length P, the arrays
of :meth:`Network.parameters` ([W0, b0, W1, b1, ...]) raveled in C order and concatenated.
A landscape evaluates E(theta_c + sum_k a_gk d_k) at G grid points g at once:

    theta_g = theta_c + coords[g] @ directions           (G, P)
    v_out^(0) = x                                         (n, units_0), shared by all g
    v_in^(k)_g = v_out^(k-1)_g @ W^(k-1->k)_g + b^(k)_g   (G, n, units_k)  batched matmul
                 (computed transposed, see batched_losses)
    v_out^(k)_g = f(v_in^(k)_g)
    E_g = mean over the n samples of loss.per_sample      (G,)

There is no Python loop over grid points: the grid is cut into chunks of G points (sized
to keep each layer's activations near :data:`CHUNK_ELEMENTS` floats) and each chunk is one
batched pass, in float64.  Between chunks the caller may cancel (``should_stop``) and is
told the progress (``progress(done, total)``).
"""
from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from numpy.typing import NDArray

from backprop_studio.core.checks.errors import InputError
from backprop_studio.core.engine.activations import ACTIVATIONS
from backprop_studio.core.engine.losses import Loss
from backprop_studio.core.engine.naming import array_id, param_id, split_param_id
from backprop_studio.core.engine.network import Network

from .landscape_kernels import Workspace, activate

Array = NDArray[np.float64]

CHUNK_ELEMENTS = 128_000     # floats per layer activation in one chunk (1 MB)
MAX_GRID_POINTS = 1_000_000

def flatten(params: Sequence[Array]) -> Array:
    """theta: the arrays raveled and concatenated, shape (P,)."""
    return np.concatenate([np.asarray(p, dtype=np.float64).ravel() for p in params])


def unflatten(theta: Array, net: Network) -> list[Array]:
    """The arrays of ``net.parameters()`` order from theta (shape (P,))."""
    out, at = [], 0
    for p in net.parameters():
        out.append(np.asarray(theta[at:at + p.size], dtype=np.float64).reshape(p.shape).copy())
        at += p.size
    return out


def offsets(net: Network) -> list[int]:
    """Where each parameter array starts in theta; the last entry is P."""
    return list(np.cumsum([0] + [p.size for p in net.parameters()]))


def parameter_name(net: Network, array_index: int, flat_index: int) -> str:
    """The core id (:func:`core.engine.naming.param_id`): ``W0[1,0]`` is W^(0->1) from unit 1 of
    layer 0 to unit 0 of layer 1, ``b1[0]`` the bias of unit 0 of layer 2 (b[k] belongs to layer k+1)."""
    k, is_bias = divmod(array_index, 2)
    if is_bias:
        return param_id(k, flat_index)
    i, j = np.unravel_index(flat_index, net.W[k].shape)
    return param_id(k, int(i), int(j))


def parameter_index(net: Network, spec: str | tuple[int, int]) -> tuple[int, int]:
    """(array index in parameters(), flat index) from ``"W0[1,0]"``, ``"b1[0]"`` or a pair.

    Raises InputError when the parameter does not exist or can never change (a removed
    connection, or the bias of a layer without bias).
    """
    params = net.parameters()
    if isinstance(spec, str):
        parts = split_param_id(spec)
        if parts is None:
            raise InputError(f"expected a name like {param_id(0, 1, 0)} or {param_id(1, 0)}, got {spec!r}",
                             "parameter")
        bias, k, idx = parts
        if k >= net.depth:
            raise InputError(f"{spec}: the network has {net.depth} weight matrices "
                             f"({array_id(0)}..{array_id(net.depth - 1)})", "parameter")
        if not bias:
            if len(idx) != 2:
                raise InputError(f"{spec}: a weight needs two indices, e.g. {param_id(k, 0, 1)}", "parameter")
            i, j = idx
            if i >= net.W[k].shape[0] or j >= net.W[k].shape[1]:
                raise InputError(f"{spec}: {array_id(k)} has shape {net.W[k].shape}", "parameter")
            array_index, flat = 2 * k, i * net.W[k].shape[1] + j
        else:
            if len(idx) != 1 or idx[0] >= net.b[k].size:
                raise InputError(f"{spec}: {array_id(k, True)} has {net.b[k].size} entries, one index", "parameter")
            array_index, flat = 2 * k + 1, idx[0]
    else:
        array_index, flat = int(spec[0]), int(spec[1])
        if not 0 <= array_index < len(params) or not 0 <= flat < params[array_index].size:
            raise InputError(f"no parameter at {tuple(spec)}", "parameter")
    name = parameter_name(net, array_index, flat)
    k = array_index // 2
    if array_index % 2 == 0 and not net.mask[k].ravel()[flat]:
        raise InputError(f"{name} is a removed connection", "parameter")
    if array_index % 2 == 1 and not net.layers[k + 1].bias:
        raise InputError(f"{name}: layer {k + 1} has no bias", "parameter")
    return array_index, flat


def batched_losses(net: Network, x: Array, y: Array, loss: Loss, thetas: Array,
                   workspace: Workspace | None = None) -> Array:
    """E(theta_g) for each row of ``thetas`` (shape (G, P)), shape (G,).  See the module formulas.

    Inside, activations are laid out (G, units, n), the transpose of the forward pass's
    (n, units) per grid point: v_in^T = W^T v_out^T + b, so that adding a bias is one
    number per contiguous row of n samples (measured ~20% faster than (G, n, units)).
    ``workspace`` (for at least G points) receives the activations; reusing one across
    chunks avoids fresh, page-faulting allocations (see :mod:`core.surfaces.landscape_kernels`).
    """
    G = thetas.shape[0]
    ws = workspace if workspace is not None and workspace.points >= G else \
        Workspace(net.sizes, G, len(x))
    at = offsets(net)
    v_out = np.asarray(x, dtype=np.float64).T          # (units_0, n) for the input layer
    v_in = v_out
    for k in range(1, len(net.layers)):
        rows, cols = net.W[k - 1].shape
        W_T = thetas[:, at[2 * k - 2]:at[2 * k - 1]].reshape(G, rows, cols).transpose(0, 2, 1)
        v_in = np.matmul(W_T, v_out, out=ws.v_in[k][:G])   # (G, c, r) @ (G, r, n) -> (G, c, n)
        layer = net.layers[k]
        if layer.bias:
            v_in += thetas[:, at[2 * k - 1]:at[2 * k]][:, :, None]
        v_out = activate(layer.activation, v_in, layer.activation_param, ws.v_out[k][:G],
                         ws.tmp[k][:G])
    out_activation = ACTIVATIONS[net.layers[-1].activation]
    y_hat, v_in = v_out.transpose(0, 2, 1), v_in.transpose(0, 2, 1)   # back to (G, n, outputs)
    return np.mean(loss.per_sample(np.asarray(y, dtype=np.float64), y_hat, v_in, out_activation),
                   axis=-1)


def chunk_size(net: Network, n_samples: int) -> int:
    """Grid points per chunk, so that one layer's activations hold ~CHUNK_ELEMENTS floats."""
    widest = max(net.sizes)
    return max(1, CHUNK_ELEMENTS // max(1, n_samples * widest))


def evaluate(net: Network, x: Array, y: Array, loss: Loss, center: Array, directions: Array,
             coords: Array, should_stop: Callable[[], bool] | None = None,
             progress: Callable[[int, int], None] | None = None,
             chunk: int | None = None, workers: int | None = None) -> tuple[Array, bool]:
    """E(center + coords[g] @ directions) for every grid point g, in chunks.

    center: (P,); directions: (K, P); coords: (G, K).  Returns (values of shape (G,),
    cancelled).  Points not reached before a cancel are nan.  Non-finite losses stay
    nan/inf (no warnings): a landscape may well contain them.

    Chunks run on ``workers`` threads (default: the CPU count, at most 4); numpy releases
    the GIL inside its array loops, so they run in parallel.  ``should_stop`` and
    ``progress`` are called from the calling thread only, after each chunk in grid order.
    """
    coords = np.asarray(coords, dtype=np.float64)
    G = coords.shape[0]
    if G > MAX_GRID_POINTS:
        raise InputError(f"the grid has {G} points; limit {MAX_GRID_POINTS}", "grid")
    values = np.full(G, np.nan)
    size = max(1, min(chunk or chunk_size(net, len(x)), G))
    bounds = [(lo, min(G, lo + size)) for lo in range(0, G, size)]
    workers = workers or min(4, os.cpu_count() or 1)

    scratch = threading.local()   # one workspace per worker thread

    def run(lo: int, hi: int) -> None:
        if not hasattr(scratch, "workspace"):
            scratch.workspace = Workspace(net.sizes, size, len(x))
        with np.errstate(all="ignore"):
            values[lo:hi] = batched_losses(net, x, y, loss, center + coords[lo:hi] @ directions,
                                           scratch.workspace)

    if workers == 1 or len(bounds) <= 1:      # no pool: run the chunks here, in order
        for lo, hi in bounds:
            if should_stop is not None and should_stop():
                return values, True
            run(lo, hi)
            if progress is not None:
                progress(hi, G)
        return values, False
    return values, _run_pooled(run, bounds, workers, should_stop, progress)


def _run_pooled(run: Callable[[int, int], None], bounds: list[tuple[int, int]], workers: int,
                should_stop: Callable[[], bool] | None,
                progress: Callable[[int, int], None] | None) -> bool:
    """Run the chunks on a thread pool, at most 2 per worker queued; True when cancelled."""
    total = bounds[-1][1]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[None]] = deque()
        submitted = finished = 0
        while finished < len(bounds):
            if should_stop is not None and should_stop():
                for future in pending:
                    future.cancel()   # chunks already running finish before the pool closes
                return True
            while submitted < len(bounds) and len(pending) < 2 * workers:
                pending.append(pool.submit(run, *bounds[submitted]))
                submitted += 1
            pending.popleft().result()
            finished += 1
            if progress is not None:
                progress(bounds[finished - 1][1], total)
    return False
