"""Time ``nn.fit`` on the seed, medium and large workloads against a naive
per-sample loop and PyTorch CPU eager; report medians, ratios and the large run's
share of this machine's matmul peak.

    python -m bench.core            # full run (a few minutes)
    python -m bench.core --quick    # fewer repeats, for a smoke test
    python -m bench.core --baseline DIR   # also time another copy of the nn_core
        # package (say, the last commit's) in the same interleaved rounds
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import platform
import sys
from pathlib import Path

import numpy as np

import nn_core as nn
from bench.naive import naive_fit
from bench.peak import blas_info, matmul_gflops
from bench.timing import fmt_seconds, interleaved, median
from bench.workloads import WORKLOADS, Workload, make_data
from nn_core.training import initial_state

try:
    import torch

    from bench.torch_ref import torch_fit
except ImportError:  # torch is optional: the table then has no torch column
    torch = None

# Per-sample work bounds for the naive loop, whose time is then extrapolated.
NAIVE_LIMITS = {"seed": (None, None), "medium": (20, 2000), "large": (4, 600)}


def _header() -> None:
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {blas_info()}")
    env = {
        k: os.environ[k]
        for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
        if k in os.environ
    }
    print(
        f"OpenBLAS environment: {env or 'none set'}; CPUs: {os.cpu_count()}; "
        f"load average {os.getloadavg()[0]:.2f} (other processes slow both sides, "
        "and 2-thread BLAS/OpenMP far more than 1: rerun when it is near 0)"
    )
    if torch is not None:
        print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads")
    else:
        print("PyTorch not installed: no torch column")


def load_baseline(path: str):
    """Another copy of the nn_core package (a directory), imported as
    ``nn_core_baseline`` so both can be timed in one process."""
    init = Path(path) / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "nn_core_baseline", init, submodule_search_locations=[str(Path(path))]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["nn_core_baseline"] = module
    spec.loader.exec_module(module)
    return module


def _bench_one(
    w: Workload, dtype: str, repeats: int, with_naive: bool, baseline=None
) -> dict:
    X, y = make_data(w, dtype)
    config = w.config(dtype)
    net0 = initial_state(X.shape[1], w.n_classes, config).network
    out: dict = {}

    def run_fit():
        out["fit"] = [
            r.loss for r in nn.fit(X, y, config, n_classes=w.n_classes).history
        ]

    contenders = {"fit": run_fit}
    if baseline is not None:
        old_config = baseline.TrainConfig(**dataclasses.asdict(config))

        def run_baseline():
            history = baseline.fit(X, y, old_config, n_classes=w.n_classes).history
            out["before"] = [r.loss for r in history]

        contenders["before"] = run_baseline
    if torch is not None:

        def run_torch():
            out["torch"] = torch_fit(X, y, net0, config)

        contenders["torch"] = run_torch
    times = interleaved(contenders, repeats)
    row = {name: median(t) for name, t in times.items()}
    for name in ("before", "torch"):
        if name in out:
            diff = np.max(np.abs(np.subtract(out["fit"], out[name])))
            row[f"{name}_diff"] = float(diff)
    if with_naive:
        max_batches, max_eval = NAIVE_LIMITS[w.name]
        seconds, losses = naive_fit(X, y, net0, config, max_batches, max_eval)
        row["naive"], row["naive_estimated"] = seconds, max_batches is not None
        if losses:
            row["naive_diff"] = float(np.max(np.abs(np.subtract(out["fit"], losses))))
    row["final_loss"] = out["fit"][-1]
    return row


def _table(rows: list[tuple[Workload, str, dict]], peaks: dict[str, float]) -> None:
    print()
    before = any("before" in r for _, _, r in rows)
    head = (
        f"{'workload':<8} {'dtype':<8} {'fit':>9} "
        + (f"{'before':>9} {'before/fit':>10} " if before else "")
        + f"{'torch':>9} {'torch/fit':>9} {'naive':>10} {'naive/fit':>9} "
        f"{'GFLOP/s':>8} {'of peak':>7}  check"
    )
    print(head)
    print("-" * len(head))
    for w, dtype, r in rows:
        fit = r["fit"]
        old = ""
        if before:
            old = f"{fmt_seconds(r['before']):>9} {r['before'] / fit:>9.2f}x "
        torch_s = fmt_seconds(r["torch"]) if "torch" in r else "-"
        vs_torch = f"{r['torch'] / fit:.2f}x" if "torch" in r else "-"
        naive = "-"
        vs_naive = "-"
        if "naive" in r:
            naive = ("~" if r["naive_estimated"] else "") + fmt_seconds(r["naive"])
            vs_naive = f"{r['naive'] / fit:.0f}x"
        gflops = w.matmul_flops() / fit / 1e9
        share = f"{100 * gflops / peaks[dtype]:.0f}%"
        checks = [f"loss {r['final_loss']:.4f}"]
        for name in ("before", "torch", "naive"):
            if f"{name}_diff" in r:
                checks.append(f"|fit-{name}| {r[f'{name}_diff']:.0e}")
        print(
            f"{w.name:<8} {dtype:<8} {fmt_seconds(fit):>9} {old}{torch_s:>9} "
            f"{vs_torch:>9} {naive:>10} {vs_naive:>9} {gflops:>8.1f} {share:>7}  "
            + ", ".join(checks)
        )
    print()
    print(
        "fit, before, torch: medians of interleaved repeats; x/fit > 1 means fit is "
        "faster. naive: one run (~ = extrapolated from a slice of the per-sample "
        "work). GFLOP/s: matmul flops of the run / fit's median; 'of peak' against "
        "the square-matmul peak above. check: the largest difference between the "
        "per-epoch losses."
    )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    quick = "--quick" in argv
    baseline = None
    if "--baseline" in argv:
        baseline = load_baseline(argv[argv.index("--baseline") + 1])
    _header()
    peaks = {dtype: matmul_gflops(dtype) for dtype in ("float64", "float32")}
    print(
        f"matmul peak: float64 {peaks['float64']:.1f} GFLOP/s, "
        f"float32 {peaks['float32']:.1f} GFLOP/s"
    )
    rows = []
    for w in WORKLOADS:
        repeats = max(1, w.repeats // 3) if quick else w.repeats
        for dtype in ("float64", "float32"):
            load = os.getloadavg()[0]
            row = _bench_one(w, dtype, repeats, dtype == "float64", baseline)
            rows.append((w, dtype, row))
            print(
                f"  {w.name} {dtype}: fit {fmt_seconds(row['fit'])} "
                f"(load average {load:.2f} -> {os.getloadavg()[0]:.2f})",
                flush=True,
            )
    peaks_after = {dtype: matmul_gflops(dtype) for dtype in ("float64", "float32")}
    print(
        f"matmul peak again at the end: float64 {peaks_after['float64']:.1f}, "
        f"float32 {peaks_after['float32']:.1f} GFLOP/s (the higher is used)"
    )
    for dtype in peaks:
        peaks[dtype] = max(peaks[dtype], peaks_after[dtype])
    _table(rows, peaks)


if __name__ == "__main__":
    main()
