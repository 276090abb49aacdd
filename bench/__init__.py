"""Benchmarks, run by hand: ``python -m bench`` (everything), ``python -m bench.core``
(fit against a naive loop and PyTorch) or ``python -m bench.sweep`` (sweep throughput).

Not part of the test suite and never imported by the app or the core.
"""
