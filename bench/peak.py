"""This machine's matrix-multiply peak, as NumPy's BLAS reaches it on square
products (the best of a few sizes and repeats): the yardstick for the large run."""

from __future__ import annotations

import time

import numpy as np


def matmul_gflops(dtype: str, sizes=(1024, 2048, 3072), repeats: int = 4) -> float:
    rng = np.random.default_rng(0)
    best = 0.0
    for n in sizes:
        A = rng.standard_normal((n, n)).astype(dtype)
        B = rng.standard_normal((n, n)).astype(dtype)
        out = np.empty((n, n), dtype=dtype)
        np.matmul(A, B, out=out)  # warm-up
        for _ in range(repeats):
            started = time.perf_counter()
            np.matmul(A, B, out=out)
            best = max(best, 2.0 * n**3 / (time.perf_counter() - started) / 1e9)
    return best


def blas_info() -> str:
    """Which BLAS, kernel and thread count NumPy uses (via threadpoolctl if there)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: unknown (threadpoolctl not installed)"
    parts = [
        f"{i.get('internal_api')} {i.get('version')} kernel={i.get('architecture')} "
        f"threads={i.get('num_threads')}"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    return "BLAS: " + ("; ".join(parts) or "none found")
