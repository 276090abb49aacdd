"""Datasets: the seed-report data, 2-D teaching sets, bundled real sets and uploads.

Every set is a read-only ``Dataset``; ``split`` holds out a stratified validation part
and standardises both parts with the training part's statistics, which it keeps so
that new inputs (a decision-region grid, say) go through the same scaling.

``noise`` is the standard deviation of Gaussian jitter added to each coordinate of a
2-D set (they all span about [-1, 1], so 0.1 is mild and 0.5 is heavy). For the real
sets, which carry their own measurement noise, it is ignored.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np

from nn_core.validation import (
    check_int,
    check_labels,
    check_matrix,
    check_nonnegative,
)

Array = np.ndarray

MAX_ROWS = 100_000  # also the largest n_samples load_dataset draws
MAX_FEATURES = 1_000
MAX_CLASSES = 50
MAX_CELLS = 10_000_000  # rows x features of an upload: 80 MB as float64
MIN_ROWS = 4
MAX_NOISE = 5.0
MIN_PER_CLASS = 2  # so a split can keep every class on both sides

DATASET_NAMES: tuple[str, ...] = (
    "seed-report",
    "circles",
    "xor",
    "gaussians",
    "spiral",
    "moons",
    "iris",
    "wine",
    "digits",
)
TWO_D_DATASETS: frozenset[str] = frozenset(
    {"circles", "xor", "gaussians", "spiral", "moons"}
)
REAL_DATASETS: frozenset[str] = frozenset({"iris", "wine", "digits"})


def _readonly(a: Array) -> Array:
    a.setflags(write=False)
    return a


def _short(value: object, limit: int = 30) -> str:
    """repr(value) cut to about `limit` characters, for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, eq=False)
class Dataset:
    """Samples (rows of X), integer labels and the names that give them meaning."""

    X: Array
    y: Array
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    name: str
    mean: Array | None = None
    scale: Array | None = None

    def __post_init__(self) -> None:
        """Check, copy and freeze every field, so a Dataset never changes."""
        X = check_matrix("X", self.X)
        feature_names = tuple(str(f) for f in self.feature_names)
        class_names = tuple(str(c) for c in self.class_names)
        if len(feature_names) != X.shape[1]:
            raise ValueError(
                f"feature_names must have one name per column of X ({X.shape[1]}), "
                f"got {len(feature_names)}"
            )
        if not class_names:
            raise ValueError("class_names must name at least one class, got none")
        y = check_labels(self.y, X.shape[0], len(class_names))
        mean, scale = _check_stats(self.mean, self.scale, X.shape[1])
        set_field = object.__setattr__
        set_field(self, "X", _readonly(np.array(X, dtype=np.float64)))
        set_field(self, "y", _readonly(np.array(y, dtype=np.int64)))
        set_field(self, "feature_names", feature_names)
        set_field(self, "class_names", class_names)
        set_field(self, "name", str(self.name))
        set_field(self, "mean", mean)
        set_field(self, "scale", scale)

    def __reduce__(self) -> tuple:
        """Rebuild through __init__ when unpickled, so arrays stay read-only."""
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))

    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    def transform(self, X_new: object) -> Array:
        """Scale raw inputs (n, n_features) as this dataset's X was scaled."""
        X = np.array(check_matrix("X_new", X_new, self.n_features), dtype=np.float64)
        if self.mean is not None:
            X = (X - self.mean) / self.scale
        return _readonly(X)


def _check_stats(
    mean: object, scale: object, n_features: int
) -> tuple[Array | None, Array | None]:
    """Both standardisation vectors (n_features,), finite, scale > 0; or both None."""
    if mean is None and scale is None:
        return None, None
    if mean is None or scale is None:
        raise ValueError("mean and scale must be given together, got only one of them")
    mean = check_matrix("mean", np.reshape(mean, (1, -1)), n_features)
    scale = check_matrix("scale", np.reshape(scale, (1, -1)), n_features)
    if np.any(scale <= 0):
        raise ValueError(f"scale must be > 0 everywhere, got {_short(scale.min())}")
    frozen = (_readonly(np.array(v[0], dtype=np.float64)) for v in (mean, scale))
    return tuple(frozen)


# ---------------------------------------------------------------- argument checks


def _check_name(name: object) -> str:
    if not isinstance(name, str) or name not in DATASET_NAMES:
        raise ValueError(
            f"unknown dataset {_short(name, 60)}; choose one of: "
            + ", ".join(DATASET_NAMES)
        )
    return name


def _check_n_samples(n_samples: object, name: str, smallest: int) -> int | None:
    """None (the set's default) or a count in [smallest, MAX_ROWS]."""
    if n_samples is None:
        return None
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer):
        raise ValueError(
            f"n_samples must be a whole number or None, got {_short(n_samples)}"
        )
    if n_samples < smallest:
        why = (
            "its labels are random, so fewer rows may miss a class"
            if name == "seed-report"
            else f"at least {MIN_PER_CLASS} per class, so a split keeps every class "
            "on both sides"
        )
        raise ValueError(
            f"n_samples must be >= {smallest} for {name!r} ({why}), got {n_samples}"
        )
    if n_samples > MAX_ROWS:
        raise ValueError(f"n_samples must be <= {MAX_ROWS:,}, got {n_samples}")
    return int(n_samples)


def _check_fraction(val_fraction: object) -> float:
    fraction = check_nonnegative("val_fraction", val_fraction)
    if fraction >= 1:
        raise ValueError(f"val_fraction must be in [0, 1), got {val_fraction}")
    return fraction


# ---------------------------------------------------------------- 2-D teaching sets


def _even_counts(n: int, n_classes: int) -> list[int]:
    """n split as evenly as possible over the classes (earlier ones get the extra)."""
    return [n // n_classes + (k < n % n_classes) for k in range(n_classes)]


def _ring(radius: float, n: int, rng: np.random.Generator) -> Array:
    t = rng.uniform(0.0, 2 * np.pi, n)
    return radius * np.column_stack([np.cos(t), np.sin(t)])


def _circles(counts: list[int], rng: np.random.Generator) -> list[Array]:
    """Class 0 on the unit circle, class 1 on a ring of radius 0.5 inside it."""
    return [_ring(radius, n, rng) for radius, n in zip((1.0, 0.5), counts, strict=True)]


_XOR_MARGIN = 0.05  # keeps noiseless points off the axes, where the label flips


def _quadrants(product_sign: float, n: int, rng: np.random.Generator) -> Array:
    """n points in [-1, 1]^2 whose x1 * x2 has the given sign."""
    size = rng.uniform(_XOR_MARGIN, 1.0, (n, 2))
    sign1 = rng.choice([-1.0, 1.0], n)
    return size * np.column_stack([sign1, product_sign * sign1])


def _xor(counts: list[int], rng: np.random.Generator) -> list[Array]:
    """Class 0 where x1 * x2 > 0 (quadrants 1, 3), class 1 where it is < 0."""
    return [_quadrants(s, n, rng) for s, n in zip((1.0, -1.0), counts, strict=True)]


_BLOB_STD = 0.25  # blobs on a unit circle: about 3.5 std from centre to border


def _gaussians(counts: list[int], rng: np.random.Generator) -> list[Array]:
    """Three round blobs centred on the corners of a triangle around the origin."""
    angles = np.pi / 2 + 2 * np.pi / 3 * np.arange(3)
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    return [
        centre + _BLOB_STD * rng.standard_normal((n, 2))
        for centre, n in zip(centres, counts, strict=True)
    ]


def _spiral(counts: list[int], rng: np.random.Generator) -> list[Array]:
    """CS231n's spiral: arm k sweeps 4 radians while its radius grows from 0 to 1."""
    arms = []
    for k, n in enumerate(counts):
        r = np.linspace(0.0, 1.0, n)
        t = np.linspace(4.0 * k, 4.0 * (k + 1), n)
        arms.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    return arms


def _moons(counts: list[int], rng: np.random.Generator) -> list[Array]:
    """sklearn's make_moons shapes: an upper arch and a lower one interleaved."""
    t_upper = rng.uniform(0.0, np.pi, counts[0])
    t_lower = rng.uniform(0.0, np.pi, counts[1])
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    return [upper, lower]


Maker = Callable[[list[int], np.random.Generator], list[Array]]


@dataclass(frozen=True)
class _TwoD:
    make: Maker
    class_names: tuple[str, ...]
    default_n: int = 300


_TWO_D: dict[str, _TwoD] = {
    "circles": _TwoD(_circles, ("outer", "inner")),
    "xor": _TwoD(_xor, ("same sign", "opposite sign")),
    "gaussians": _TwoD(_gaussians, ("blob 1", "blob 2", "blob 3")),
    "spiral": _TwoD(_spiral, ("arm 1", "arm 2", "arm 3")),
    "moons": _TwoD(_moons, ("upper", "lower")),
}


def _shuffled(X: Array, y: Array, rng: np.random.Generator) -> tuple[Array, Array]:
    order = rng.permutation(len(y))
    return X[order], y[order]


def _two_d(name: str, n: int | None, noise: float, rng: np.random.Generator) -> Dataset:
    spec = _TWO_D[name]
    counts = _even_counts(spec.default_n if n is None else n, len(spec.class_names))
    X = np.concatenate(spec.make(counts, rng))
    y = np.repeat(np.arange(len(counts)), counts)
    if noise > 0:
        X = X + rng.normal(0.0, noise, X.shape)
    X, y = _shuffled(X, y, rng)
    return Dataset(X, y, ("x1", "x2"), spec.class_names, name)


# ---------------------------------------------------------------- seed report


def _seed_report(n: int | None, rng: np.random.Generator) -> Dataset:
    """The report's data: X ~ N(0, 1), 10 features, labels uniform over 3 classes."""
    n = 100 if n is None else n
    X = rng.standard_normal((n, 10))
    y = rng.integers(0, 3, n)
    features = tuple(f"x{j}" for j in range(1, 11))
    return Dataset(X, y, features, ("class 0", "class 1", "class 2"), "seed-report")


# ---------------------------------------------------------------- real sets


def _digits_features() -> tuple[str, ...]:
    return tuple(f"pixel {row},{col}" for row in range(8) for col in range(8))


def _load_real(name: str) -> Dataset:
    """The full set from scikit-learn's bundled copy (no download)."""
    from sklearn import datasets as sk  # lazy: the core's only sklearn use

    bunch = {"iris": sk.load_iris, "wine": sk.load_wine, "digits": sk.load_digits}
    data = bunch[name]()
    features = _digits_features() if name == "digits" else data.feature_names
    classes = (str(c).replace("_", " ") for c in data.target_names)
    return Dataset(data.data, data.target, tuple(features), tuple(classes), name)


def _allocate(sizes: Array, n: int) -> Array:
    """n rows over classes: MIN_PER_CLASS each, the rest in proportion to sizes."""
    spare = sizes - MIN_PER_CLASS
    extra = n - MIN_PER_CLASS * len(sizes)
    if extra <= 0 or spare.sum() == 0:
        return np.full(len(sizes), MIN_PER_CLASS)
    quota = spare * extra / spare.sum()
    counts = np.floor(quota).astype(np.int64)
    by_remainder = np.argsort(counts - quota, kind="stable")
    counts[by_remainder[: extra - counts.sum()]] += 1
    return counts + MIN_PER_CLASS


def _subsample(data: Dataset, n: int, rng: np.random.Generator) -> Dataset:
    """A stratified sample of n rows, kept in their original order."""
    if n >= data.n_samples:
        return data
    counts = _allocate(np.bincount(data.y, minlength=data.n_classes), n)
    rows = [
        rng.choice(np.flatnonzero(data.y == k), count, replace=False)
        for k, count in enumerate(counts)
    ]
    keep = np.sort(np.concatenate(rows))
    return Dataset(
        data.X[keep], data.y[keep], data.feature_names, data.class_names, data.name
    )


# ---------------------------------------------------------------- load_dataset

_N_CLASSES = {"seed-report": 3, "iris": 3, "wine": 3, "digits": 10} | {
    name: len(spec.class_names) for name, spec in _TWO_D.items()
}
# seed-report labels are drawn at random, not dealt out: with 30 rows all three
# classes appear except about once in 60,000 seeds.
_MIN_SAMPLES = {name: MIN_PER_CLASS * k for name, k in _N_CLASSES.items()} | {
    "seed-report": 30
}


def load_dataset(
    name: str, n_samples: int | None = None, noise: float = 0.0, seed: int = 0
) -> Dataset:
    """Draw (or load) a named dataset from its own seeded stream; raw, unscaled.

    n_samples None means the set's default (100 for seed-report, 300 for the 2-D
    sets, all rows of a real set); a real set asked for more rows than it has
    returns all of them, for fewer a stratified sample. noise jitters the 2-D sets
    only.
    """
    name = _check_name(name)
    n = _check_n_samples(n_samples, name, _MIN_SAMPLES[name])
    noise = check_nonnegative("noise", noise, MAX_NOISE)
    rng = np.random.default_rng(check_int("seed", seed, 0))
    if name == "seed-report":
        return _seed_report(n, rng)
    if name in TWO_D_DATASETS:
        return _two_d(name, n, noise, rng)
    full = _load_real(name)
    return full if n is None else _subsample(full, n, rng)


# ---------------------------------------------------------------- split


def _split_rows(
    y: Array, n_classes: int, val_fraction: float, rng: np.random.Generator
) -> tuple[Array, Array]:
    """Row indices (train, validation), stratified, each sorted."""
    train, val = [], []
    for k in range(n_classes):
        rows = rng.permutation(np.flatnonzero(y == k))
        n_val = math.floor(val_fraction * len(rows) + 0.5)  # round half up
        # at least one row on each side; a lone row is for training
        n_val = min(max(n_val, 1), len(rows) - 1) if len(rows) >= 2 else 0
        val.append(rows[:n_val])
        train.append(rows[n_val:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(val))


def _stats(X: Array) -> tuple[Array, Array]:
    """Column mean and std, with scale 1 for (numerically) constant columns."""
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    tiny = 10 * np.finfo(np.float64).eps * np.maximum(np.abs(mean), 1.0)
    return mean, np.where(std > tiny, std, 1.0)


def _scaled(data: Dataset, rows: Array, mean: Array, scale: Array) -> Dataset:
    """The given rows scaled by (mean, scale); stored stats map raw inputs."""
    X = (data.X[rows] - mean) / scale
    if data.mean is not None:  # data was scaled already: compose the two steps
        mean, scale = data.mean + data.scale * mean, data.scale * scale
    return Dataset(
        X, data.y[rows], data.feature_names, data.class_names, data.name, mean, scale
    )


def _missing_class(data: Dataset, train_rows: Array) -> str | None:
    present = np.bincount(data.y[train_rows], minlength=data.n_classes)
    absent = np.flatnonzero(present == 0)
    return data.class_names[absent[0]] if len(absent) else None


def split(
    data: Dataset, val_fraction: float = 0.3, seed: int = 0
) -> tuple[Dataset, Dataset | None]:
    """Stratified (train, validation), both scaled by the training part's stats."""
    if not isinstance(data, Dataset):
        raise ValueError(f"data must be a Dataset, got {type(data).__name__}")
    fraction = _check_fraction(val_fraction)
    rng = np.random.default_rng(check_int("seed", seed, 0))
    if fraction == 0:
        every_row = np.arange(data.n_samples)
        return _scaled(data, every_row, *_stats(data.X)), None
    train_rows, val_rows = _split_rows(data.y, data.n_classes, fraction, rng)
    missing = _missing_class(data, train_rows)
    if missing is not None:
        raise ValueError(
            f"cannot split {data.name!r}: it has no samples of class {missing!r}, so "
            "the training part would never see it; use more samples or another seed"
        )
    mean, scale = _stats(data.X[train_rows])
    return (
        _scaled(data, train_rows, mean, scale),
        _scaled(data, val_rows, mean, scale),
    )


# ---------------------------------------------------------------- uploaded tables


def _table_shape(columns: Mapping, label_column: object) -> tuple[list, int]:
    """Feature column names and the row count, after the structural checks."""
    if not isinstance(columns, Mapping):
        raise ValueError(
            "columns must map column names to their values, "
            f"got {type(columns).__name__}"
        )
    if not columns:
        raise ValueError("The table is empty: it has no columns.")
    if label_column not in columns:
        shown = ", ".join(_short(str(c)) for c in list(columns)[:10])
        raise ValueError(
            f"There is no column named {_short(label_column)} to use as the label; "
            f"the table's columns are: {shown}."
        )
    features = [c for c in columns if c != label_column]
    if not features:
        raise ValueError(
            f"The table has only the label column {_short(label_column)}; it needs "
            "at least one feature column (numbers) as well."
        )
    if len(features) > MAX_FEATURES:
        raise ValueError(
            f"The table has {len(features):,} feature columns; at most "
            f"{MAX_FEATURES:,} are allowed."
        )
    return features, _row_count(columns)


def _length(name: object, values: object) -> int:
    """How many cells a column has; text or a single value is not a column."""
    try:
        if isinstance(values, str | bytes):
            raise TypeError
        return len(values)
    except TypeError:  # also a 0-d array, which has __len__ but no length
        raise ValueError(
            f"Column {_short(name)} should be a list of values, got {_short(values)}."
        ) from None


def _row_count(columns: Mapping) -> int:
    """The common length of all columns, within [MIN_ROWS, MAX_ROWS]."""
    lengths = {name: _length(name, values) for name, values in columns.items()}
    (first, n), *_ = lengths.items()
    for name, length in lengths.items():
        if length != n:
            raise ValueError(
                "All columns must have the same number of rows, but column "
                f"{_short(first)} has {n} and column {_short(name)} has {length}."
            )
    if n < MIN_ROWS:
        raise ValueError(f"The table has {n} rows; it needs at least {MIN_ROWS}.")
    if n > MAX_ROWS:
        raise ValueError(
            f"The table has {n:,} rows; at most {MAX_ROWS:,} are allowed. "
            "Use a sample of it."
        )
    return n


def _parse_cell(value: object) -> float:
    """One cell as a float (NaN when blank); ValueError if it is not a number."""
    if value is None:
        return math.nan
    if isinstance(value, str):
        return float(value.strip() or "nan")
    if isinstance(value, numbers.Real | np.bool_):
        return float(value)
    raise ValueError("not a number")


def _parse_slowly(name: object, values: Sequence) -> Array:
    """Cell by cell, to point at the first value that is not a number."""
    parsed = np.empty(len(values))
    for row, value in enumerate(values):
        try:
            parsed[row] = _parse_cell(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"Column {_short(name)} must contain only numbers, but row "
                f"{row + 1} holds {_short(value)}."
            ) from None
    return parsed


def _numeric_column(name: object, values: Sequence) -> Array:
    """A feature column as finite floats, or a ValueError naming the problem."""
    kind = getattr(getattr(values, "dtype", None), "kind", None)
    column = None
    if kind is None or kind in "biufOU":  # numbers, or text numpy can parse
        try:
            column = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            column = None
    if column is None or column.ndim != 1:
        column = _parse_slowly(name, values)
    _check_finite(name, column)
    return column


def _check_finite(name: object, column: Array) -> None:
    for bad, what, fix in (
        (np.isnan(column), "empty or missing", "fill them in or remove those rows"),
        (np.isinf(column), "infinite", "replace them with ordinary numbers"),
    ):
        if bad.any():
            raise ValueError(
                f"Column {_short(name)} has {int(bad.sum())} {what} cell(s) (the "
                f"first in row {int(np.argmax(bad)) + 1}); {fix}."
            )


def _label_text(value: object) -> str | None:
    """A label cell as text (integral numbers without '.0'); None when blank."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def _class_order(name: str) -> tuple[int, float, str]:
    """Sort key: numbers numerically first, then other text alphabetically."""
    try:
        number = float(name)
    except ValueError:
        return (1, 0.0, name)
    return (0, number, name) if math.isfinite(number) else (1, 0.0, name)


def _labels(name: object, values: Sequence) -> tuple[Array, tuple[str, ...]]:
    """Label cells as class indices and the sorted class names."""
    texts = [_label_text(v) for v in values]
    blank = [row for row, t in enumerate(texts) if t is None]
    if blank:
        raise ValueError(
            f"The label column {_short(name)} has {len(blank)} empty cell(s) (the "
            f"first in row {blank[0] + 1}); every row needs a label."
        )
    classes = tuple(sorted(set(texts), key=_class_order))
    _check_classes(name, classes)
    index = {c: k for k, c in enumerate(classes)}
    y = np.array([index[t] for t in texts], dtype=np.int64)
    _check_class_sizes(name, y, classes)
    return y, classes


def _check_classes(name: object, classes: tuple[str, ...]) -> None:
    if len(classes) < 2:
        raise ValueError(
            f"The label column {_short(name)} has only one class "
            f"({_short(classes[0])}); a classifier needs at least 2."
        )
    if len(classes) > MAX_CLASSES:
        raise ValueError(
            f"The label column {_short(name)} has {len(classes):,} different "
            f"values, but at most {MAX_CLASSES} classes are allowed. It is "
            "probably not a class label (an ID or a measurement?): choose the "
            "column that names each row's class."
        )


def _check_class_sizes(name: object, y: Array, classes: tuple[str, ...]) -> None:
    sizes = np.bincount(y, minlength=len(classes))
    small = [classes[k] for k in np.flatnonzero(sizes < MIN_PER_CLASS)]
    if small:
        shown = ", ".join(_short(c) for c in small[:5])
        raise ValueError(
            f"In the label column {_short(name)}, class(es) {shown} have only one "
            f"row; every class needs at least {MIN_PER_CLASS} (one to train on, "
            "one to check with)."
        )


def dataset_from_columns(
    columns: Mapping[str, Sequence], label_column: str, name: str = "upload"
) -> Dataset:
    """Check an uploaded table (column -> values) and turn it into a raw Dataset."""
    features, n_rows = _table_shape(columns, label_column)
    if n_rows * len(features) > MAX_CELLS:
        raise ValueError(
            f"The table has {n_rows * len(features):,} numbers (rows x feature "
            f"columns); at most {MAX_CELLS:,} are allowed. Use fewer rows or columns."
        )
    X = np.column_stack([_numeric_column(f, columns[f]) for f in features])
    y, classes = _labels(label_column, columns[label_column])
    return Dataset(X, y, tuple(str(f) for f in features), classes, str(name))
