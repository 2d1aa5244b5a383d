"""The app asks BLAS for one thread per calling thread.

numpy hands every matrix product to a BLAS library (OpenBLAS in numpy's wheels), which by
default splits each product over one thread per core.  That pays off for large products on
an idle machine; the app's are small (a batch of 32 through W^(0->1) of 784x128 is a
32x784 @ 784x128 product) and its main thread must answer within a frame.  With the app's
own parallelism on top (landscape, race and gradient-check workers each multiply matrices
while the main thread trains) BLAS's threads compete with them for the cores and spin while
they wait: on a loaded 2-core machine that product took 1.2-7 ms with two BLAS threads and
0.16 ms with one, and a training step of 784-128-10 in the app several times longer
(figures measured under load: indicative only).

So the main window limits BLAS to one thread (:func:`one_thread_per_caller`); the headless
command line keeps BLAS's default.  The last bits of a product can differ with the number of
threads (the partial sums are added in another order), as they differ between machines:
nothing in the app compares its numbers bit for bit with another process's.
"""
from __future__ import annotations

from threadpoolctl import threadpool_limits

_limits: threadpool_limits | None = None


def one_thread_per_caller() -> None:
    """Limit every BLAS library loaded in this process to one thread (once; kept until exit)."""
    global _limits
    if _limits is None:
        _limits = threadpool_limits(limits=1, user_api="blas")
