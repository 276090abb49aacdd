"""Reproduce the "XOR needs a hidden layer" lesson from plain Python, no dashboard.

Trains the lesson's network twice (linear hidden layer, then tanh), prints the final
numbers and writes the loss curves and both decision-region maps to one HTML page.
Run from the repository root: python examples/reproduce_lesson.py [out.html]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import figures  # noqa: E402
import nn_core as nn  # noqa: E402
from nn_core.presets import LESSONS  # noqa: E402


def train(lesson: nn.presets.Lesson, **changes) -> tuple[nn.TrainResult, nn.Dataset]:
    """Train the lesson's preset (with optional config changes) on its data."""
    preset = lesson.preset
    data = nn.load_dataset(preset.dataset, preset.n_samples, preset.noise, seed=0)
    train_part, val = nn.split(data, preset.val_fraction, seed=0)
    config = preset.config.replace(**changes)
    result = nn.fit(train_part.X, train_part.y, config, X_val=val.X, y_val=val.y)
    return result, train_part


def regions(result: nn.TrainResult, data: nn.Dataset):
    """Decision regions over the standardised input plane, data on top."""
    axis = np.linspace(-2.5, 2.5, 80)
    gx, gy = np.meshgrid(axis, axis)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    P = nn.predict_proba(result.network, grid).reshape(80, 80, -1)
    return figures.decision_regions(axis, axis, P, data.X, data.y, data.class_names)


def main(out: str = "xor_lesson.html") -> None:
    lesson = LESSONS["xor-needs-a-hidden-layer"]
    runs = {"linear": train(lesson), "tanh": train(lesson, **lesson.contrast)}
    curves = []
    for name, (result, _) in runs.items():
        last = result.history[-1]
        print(f"{name:>6}: loss {last.loss:.3f}, held out {last.val_accuracy:.0%}")
        epochs = [r.epoch for r in result.history]
        losses = [r.loss for r in result.history]
        curves.append({"label": name, "epochs": epochs, "values": losses})
    parts = [figures.compare_figure(curves, metric="loss")]
    parts += [regions(result, data) for result, data in runs.values()]
    html = "".join(
        fig.to_html(full_html=False, include_plotlyjs=(i == 0))
        for i, fig in enumerate(parts)
    )
    title = "<h1>XOR needs a hidden layer</h1>"
    Path(out).write_text(f"<html><body>{title}{html}</body></html>")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
