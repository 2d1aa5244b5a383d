"""Benchmarks for Backprop Studio: ``python -m tests.benchmarks`` (see ``__main__.py``).

Excluded from the default test run: pytest only collects ``test_*.py`` and these modules are
``bench_*.py``.  Every figure is a ratio measured in the same run against a reference, because
the machines this runs on are shared and noisy.
"""
