"""Regenerate the example CSV files (synthetic, seeded, released under CC0 1.0).

Run from the repository root: python examples/make_examples.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def exam_results(rng: np.random.Generator, n: int = 240) -> list[dict]:
    """Hours studied and slept -> passed? Sleep helps only up to a point: a curved
    boundary that a linear model misses and one hidden layer finds."""
    studied = rng.uniform(0, 10, n)
    slept = rng.uniform(3, 10, n)
    score = 0.9 * studied - 0.6 * (slept - 7.5) ** 2 + rng.normal(0, 1.0, n)
    passed = np.where(score > 3.0, "pass", "fail")
    return [
        {"hours_studied": f"{s:.1f}", "hours_slept": f"{h:.1f}", "result": p}
        for s, h, p in zip(studied, slept, passed, strict=True)
    ]


def fruit(rng: np.random.Generator, n_per_class: int = 80) -> list[dict]:
    """Weight, diameter and sweetness of three fruits: overlapping clouds in 3-D."""
    kinds = {  # mean weight g, diameter cm, sugar g/100 g
        "apple": (180, 7.5, 10.4),
        "orange": (150, 7.0, 9.0),
        "lemon": (100, 5.5, 2.5),
    }
    rows = []
    for name, (weight, diameter, sugar) in kinds.items():
        for _ in range(n_per_class):
            rows.append(
                {
                    "weight_g": f"{rng.normal(weight, 25):.0f}",
                    "diameter_cm": f"{rng.normal(diameter, 0.6):.1f}",
                    "sugar_g_per_100g": f"{max(rng.normal(sugar, 1.2), 0.1):.1f}",
                    "fruit": name,
                }
            )
    order = rng.permutation(len(rows))
    return [rows[i] for i in order]


def rings(rng: np.random.Generator, n_per_class: int = 120) -> list[dict]:
    """Three concentric rings: a class inside a class inside a class."""
    rows = []
    for label, radius in (("inner", 0.4), ("middle", 1.0), ("outer", 1.6)):
        angle = rng.uniform(0, 2 * np.pi, n_per_class)
        r = radius + rng.normal(0, 0.12, n_per_class)
        for x, y in zip(r * np.cos(angle), r * np.sin(angle), strict=True):
            rows.append({"x": f"{x:.3f}", "y": f"{y:.3f}", "ring": label})
    order = rng.permutation(len(rows))
    return [rows[i] for i in order]


def write(name: str, rows: list[dict]) -> None:
    with open(HERE / name, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    write("exam_results.csv", exam_results(np.random.default_rng(2026)))
    write("fruit.csv", fruit(np.random.default_rng(7)))
    write("rings.csv", rings(np.random.default_rng(11)))


if __name__ == "__main__":
    main()
