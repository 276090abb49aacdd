"""Final validation accuracy of one network with each activation, GD against Adam.

    python -m bench.activation_report           # the full table (a few minutes)
    python -m bench.activation_report --quick   # one seed, fewer epochs: a smoke test

For each task, every activation trains the same network with the same seeds, epochs
and learning rate (one per optimizer); the table shows the mean (and spread) of the
validation accuracy over the seeds after a short and a long training budget (read
from the same runs). The short budget shows how fast each activation learns, the
long one where they end up. Seed s draws the data (spiral), the train/validation
split and the initial weights. A run that diverges is scored by the last network
before it diverged, and marked.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import dataclass

import numpy as np

import nn_core as nn

ACTIVATIONS = ("relu", "prelu", "swish", "apl", "pau")
OPTIMIZERS = ("gd", "adam")
SEEDS = (0, 1, 2)
VAL_FRACTION = 0.3


@dataclass(frozen=True)
class Task:
    """A dataset and the network and training settings every activation shares."""

    title: str
    dataset: str
    n_samples: int | None
    noise: float
    hidden_units: int | tuple[int, ...]
    budgets: tuple[int, ...]  # epochs after which validation accuracy is reported
    batch_size: int | None
    learning_rates: dict[str, float]  # per optimizer


TASKS = (
    Task(
        "spiral (600 samples, noise 0.05), 2 hidden layers of 16, full batch",
        "spiral",
        600,
        0.05,
        (16, 16),
        budgets=(200, 1000),
        batch_size=None,
        learning_rates={"gd": 0.2, "adam": 0.002},
    ),
    Task(
        "digits (1797 images, 64 pixels, 10 classes), 1 hidden layer of 32, "
        "batches of 64",
        "digits",
        None,
        0.0,
        32,
        budgets=(10, 40),
        batch_size=64,
        learning_rates={"gd": 0.02, "adam": 0.001},
    ),
)


def _split(task: Task, seed: int) -> tuple[nn.Dataset, nn.Dataset]:
    data = nn.load_dataset(
        task.dataset, n_samples=task.n_samples, noise=task.noise, seed=seed
    )
    return nn.split(data, val_fraction=VAL_FRACTION, seed=seed)


def val_accuracies(
    task: Task, activation: str, optimizer: str, seed: int, budgets: tuple[int, ...]
) -> dict[int, tuple[float, bool]]:
    """{budget: (validation accuracy after that many epochs, diverged?)}, one run."""
    train, val = _split(task, seed)
    cfg = nn.TrainConfig(
        hidden_units=task.hidden_units,
        activation=activation,
        learning_rate=task.learning_rates[optimizer],
        epochs=max(budgets),
        batch_size=task.batch_size,
        optimizer=optimizer,
        seed=seed,
    )
    kwargs = dict(X_val=val.X, y_val=val.y, n_classes=len(train.class_names))
    try:
        history = nn.fit(
            train.X, train.y, cfg, record_every=math.gcd(*budgets), **kwargs
        ).history
    except nn.TrainingDiverged as err:
        P = nn.predict_proba(err.state.network, val.X)
        last_good = float(np.mean(P.argmax(axis=1) == val.y))
        seen = {r.epoch: r.val_accuracy for r in err.history}
        return {
            b: (seen[b], False) if b < err.epoch else (last_good, True) for b in budgets
        }
    seen = {r.epoch: r.val_accuracy for r in history}
    return {b: (seen[b], False) for b in budgets}


def _cell(runs: list[tuple[float, bool]]) -> str:
    accuracies = [100 * accuracy for accuracy, _ in runs]
    n_diverged = sum(diverged for _, diverged in runs)
    mean = statistics.fmean(accuracies)
    half_range = (max(accuracies) - min(accuracies)) / 2
    mark = f" (†{n_diverged})" if n_diverged else ""
    return f"{mean:.1f} ± {half_range:.1f}{mark}"


def task_table(task: Task, seeds: tuple[int, ...], budgets: tuple[int, ...]) -> str:
    """One markdown table: a row per activation, a column per budget and optimizer."""
    columns = [(b, o) for b in budgets for o in OPTIMIZERS]
    lines = [
        "| activation | " + " | ".join(f"{o.upper()} @{b}" for b, o in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for activation in ACTIVATIONS:
        runs = {
            o: [val_accuracies(task, activation, o, s, budgets) for s in seeds]
            for o in OPTIMIZERS
        }
        cells = [_cell([run[b] for run in runs[o]]) for b, o in columns]
        lines.append(f"| {activation} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(quick: bool = False) -> str:
    seeds = SEEDS[:1] if quick else SEEDS
    lines = []
    for task in TASKS:
        budgets = (
            tuple(max(1, b // 10) for b in task.budgets) if quick else task.budgets
        )
        rates = ", ".join(f"{o} lr {task.learning_rates[o]}" for o in OPTIMIZERS)
        started = time.perf_counter()
        table = task_table(task, seeds, budgets)
        lines += [
            f"**{task.title}**; {rates}; validation {VAL_FRACTION:.0%}; "
            f"seeds {list(seeds)} ({time.perf_counter() - started:.0f} s)",
            "",
            table,
            "",
        ]
    lines.append(
        "Validation accuracy in % after @N epochs: mean ± half the range over the "
        "seeds; (†k): k runs had diverged by then and are scored by their last "
        "good network."
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv not in ([], ["--quick"]):
        print("usage: python -m bench.activation_report [--quick]", file=sys.stderr)
        return 2
    print(report(quick=argv == ["--quick"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
