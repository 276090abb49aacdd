"""Tests for nn_core.datasets: generated, real and uploaded data, and split."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

from nn_core import datasets as ds
from nn_core.datasets import (
    DATASET_NAMES,
    TWO_D_DATASETS,
    Dataset,
    dataset_from_columns,
    load_dataset,
    split,
)

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

# name -> (n_features, n_classes, default n_samples)
EXPECTED = {
    "seed-report": (10, 3, 100),
    "circles": (2, 2, 300),
    "xor": (2, 2, 300),
    "gaussians": (2, 3, 300),
    "spiral": (2, 3, 300),
    "moons": (2, 2, 300),
    "iris": (4, 3, 150),
    "wine": (13, 3, 178),
    "digits": (64, 10, 1797),
}
GENERATED = ("seed-report", *sorted(TWO_D_DATASETS))


def _rows_sorted(X: np.ndarray) -> np.ndarray:
    return X[np.lexsort(X.T[::-1])]


# ---------------------------------------------------------------- load_dataset


def test_names_cover_the_expected_sets():
    assert set(DATASET_NAMES) == set(EXPECTED)
    assert {"circles", "xor", "gaussians", "spiral", "moons"} == TWO_D_DATASETS


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_shapes_dtypes_and_labels(name):
    n_features, n_classes, n_default = EXPECTED[name]
    data = load_dataset(name)
    assert data.name == name
    assert data.X.shape == (n_default, n_features) and data.X.dtype == np.float64
    assert data.y.shape == (n_default,) and data.y.dtype == np.int64
    assert (data.n_samples, data.n_features, data.n_classes) == (
        n_default,
        n_features,
        n_classes,
    )
    assert len(data.feature_names) == n_features
    assert all(isinstance(c, str) for c in data.class_names)
    assert set(np.unique(data.y)) == set(range(n_classes))
    assert np.isfinite(data.X).all()
    assert data.mean is None and data.scale is None


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_arrays_are_read_only(name):
    data = load_dataset(name, n_samples=40)
    with pytest.raises(ValueError):
        data.X[0, 0] = 1.0
    with pytest.raises(ValueError):
        data.y[0] = 0
    train, val = split(data)
    for part in (train, val):
        for array in (part.X, part.y, part.mean, part.scale):
            assert not array.flags.writeable
    assert not train.transform(data.X).flags.writeable


@pytest.mark.parametrize("name", GENERATED)
def test_same_seed_same_data_other_seed_other_data(name):
    a = load_dataset(name, n_samples=60, noise=0.1, seed=3)
    b = load_dataset(name, n_samples=60, noise=0.1, seed=3)
    c = load_dataset(name, n_samples=60, noise=0.1, seed=4)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)


def test_subsample_of_a_real_set_follows_the_seed():
    a = load_dataset("wine", n_samples=30, seed=1)
    b = load_dataset("wine", n_samples=30, seed=1)
    c = load_dataset("wine", n_samples=30, seed=2)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, c.X)


@pytest.mark.parametrize(
    ("name", "n_samples", "counts"),
    [
        ("circles", 301, [151, 150]),
        ("moons", 7, [4, 3]),
        ("xor", 10, [5, 5]),
        ("gaussians", 100, [34, 33, 33]),
        ("spiral", 8, [3, 3, 2]),
    ],
)
def test_teaching_sets_share_samples_evenly(name, n_samples, counts):
    data = load_dataset(name, n_samples=n_samples, seed=0)
    assert np.bincount(data.y).tolist() == counts


@pytest.mark.parametrize("name", sorted(TWO_D_DATASETS))
def test_teaching_sets_are_shuffled(name):
    y = load_dataset(name, seed=0).y
    assert not np.array_equal(y, np.sort(y))


def test_seed_report_draws_x_then_y_from_one_stream():
    data = load_dataset("seed-report", seed=7)
    rng = np.random.default_rng(7)
    np.testing.assert_array_equal(data.X, rng.standard_normal((100, 10)))
    np.testing.assert_array_equal(data.y, rng.integers(0, 3, 100))
    assert data.feature_names == tuple(f"x{j}" for j in range(1, 11))
    assert data.class_names == ("class 0", "class 1", "class 2")


def test_seed_report_labels_are_roughly_uniform_and_x_standard_normal():
    data = load_dataset("seed-report", n_samples=30_000, seed=1)
    shares = np.bincount(data.y, minlength=3) / data.n_samples
    np.testing.assert_allclose(shares, 1 / 3, atol=0.015)
    np.testing.assert_allclose(data.X.mean(axis=0), 0.0, atol=0.03)
    np.testing.assert_allclose(data.X.std(axis=0), 1.0, atol=0.03)


def test_circles_without_noise_lie_on_their_rings():
    data = load_dataset("circles", seed=2)
    radius = np.hypot(data.X[:, 0], data.X[:, 1])
    np.testing.assert_allclose(radius[data.y == 0], 1.0)
    np.testing.assert_allclose(radius[data.y == 1], 0.5)


def test_noise_is_the_jitter_std():
    data = load_dataset("circles", n_samples=20_000, noise=0.05, seed=2)
    radius = np.hypot(data.X[:, 0], data.X[:, 1])
    residual = radius - np.where(data.y == 0, 1.0, 0.5)
    assert abs(residual.std() - 0.05) < 0.005


def test_xor_labels_follow_the_sign_of_the_product():
    data = load_dataset("xor", seed=3)
    product = data.X[:, 0] * data.X[:, 1]
    np.testing.assert_array_equal(data.y, (product < 0).astype(np.int64))
    assert np.abs(data.X).max() <= 1.0


def test_moons_without_noise_lie_on_the_arches():
    data = load_dataset("moons", seed=4)
    upper, lower = data.X[data.y == 0], data.X[data.y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert (upper[:, 1] >= 0).all()
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5).all()


def test_gaussians_are_three_separate_blobs():
    data = load_dataset("gaussians", n_samples=3000, seed=5)
    centres = np.array([data.X[data.y == k].mean(axis=0) for k in range(3)])
    np.testing.assert_allclose(np.hypot(*centres.T), 1.0, atol=0.05)
    nearest = np.argmin(((data.X[:, None] - centres) ** 2).sum(axis=2), axis=1)
    assert (nearest == data.y).mean() > 0.98


def test_spiral_arms_grow_from_the_centre():
    data = load_dataset("spiral", seed=6)
    radius = np.hypot(data.X[:, 0], data.X[:, 1])
    for k in range(3):
        arm = np.sort(radius[data.y == k])
        np.testing.assert_allclose(arm, np.linspace(0, 1, 100), atol=1e-12)


@pytest.mark.parametrize("name", ["iris", "wine", "digits"])
def test_real_sets_match_sklearns_bundled_copies(name):
    from sklearn import datasets as sk

    bunch = getattr(sk, f"load_{name}")()
    data = load_dataset(name, noise=1.0, seed=9)  # noise is ignored for real data
    np.testing.assert_array_equal(data.X, bunch.data)
    np.testing.assert_array_equal(data.y, bunch.target)


def test_real_set_names_are_readable():
    assert load_dataset("iris").class_names == ("setosa", "versicolor", "virginica")
    digits = load_dataset("digits")
    assert digits.class_names == tuple(str(d) for d in range(10))
    assert digits.feature_names[:2] == ("pixel 0,0", "pixel 0,1")
    assert digits.feature_names[-1] == "pixel 7,7"
    assert "alcohol" in load_dataset("wine").feature_names


def test_real_subsample_is_stratified_and_from_the_data():
    full = load_dataset("digits")
    part = load_dataset("digits", n_samples=200, seed=3)
    assert part.n_samples == 200 and part.n_classes == 10
    counts = np.bincount(part.y, minlength=10)
    assert counts.min() >= 18 and counts.max() <= 22
    full_rows = {row.tobytes() for row in full.X}
    assert all(row.tobytes() in full_rows for row in part.X)


def test_smallest_real_subsample_keeps_two_per_class():
    part = load_dataset("digits", n_samples=20, seed=0)
    assert np.bincount(part.y).tolist() == [2] * 10


def test_real_set_asked_for_more_rows_returns_all():
    assert load_dataset("iris", n_samples=1000).n_samples == 150


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"name": "foo"}, "foo"),
        ({"name": 3}, "3"),
        ({"name": "moons", "n_samples": 1}, "1"),
        ({"name": "spiral", "n_samples": 5}, "5"),
        ({"name": "seed-report", "n_samples": 10}, "10"),
        ({"name": "iris", "n_samples": 0}, "0"),
        ({"name": "moons", "n_samples": -4}, "-4"),
        ({"name": "moons", "n_samples": 100_001}, "100001"),
        ({"name": "moons", "n_samples": 2.5}, "2.5"),
        ({"name": "moons", "n_samples": True}, "True"),
        ({"name": "moons", "noise": float("nan")}, "nan"),
        ({"name": "moons", "noise": float("inf")}, "inf"),
        ({"name": "moons", "noise": -0.1}, "-0.1"),
        ({"name": "moons", "noise": 5.5}, "5.5"),
        ({"name": "moons", "noise": "a lot"}, "a lot"),
        ({"name": "moons", "seed": -1}, "-1"),
        ({"name": "moons", "seed": 1.5}, "1.5"),
    ],
)
def test_load_dataset_rejects_bad_arguments(kwargs, shown):
    with pytest.raises(ValueError) as err:
        load_dataset(**kwargs)
    assert shown in str(err.value)


def test_too_small_n_samples_message_names_the_dataset():
    with pytest.raises(ValueError, match=r"n_samples must be >= 4 for 'moons'"):
        load_dataset("moons", n_samples=1)


def test_smallest_allowed_sizes_work():
    for name in DATASET_NAMES:
        smallest = ds._MIN_SAMPLES[name]
        data = load_dataset(name, n_samples=smallest)
        assert data.n_samples == smallest
        with pytest.raises(ValueError):
            load_dataset(name, n_samples=smallest - 1)


# ---------------------------------------------------------------- split


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_split_is_stratified_and_keeps_all_rows(name):
    data = load_dataset(name, seed=1)
    train, val = split(data, val_fraction=0.3, seed=2)
    sizes = np.bincount(data.y, minlength=data.n_classes)
    expected_val = [min(max(math.floor(0.3 * c + 0.5), 1), c - 1) for c in sizes]
    assert np.bincount(val.y, minlength=data.n_classes).tolist() == expected_val
    assert (np.bincount(train.y, minlength=data.n_classes) + expected_val).tolist() == (
        sizes.tolist()
    )
    assert train.n_classes == val.n_classes == data.n_classes
    assert train.class_names == data.class_names
    raw = np.concatenate([train.X, val.X]) * train.scale + train.mean
    np.testing.assert_allclose(_rows_sorted(raw), _rows_sorted(data.X), atol=1e-9)


def test_split_rows_are_disjoint_and_cover_the_data():
    data = load_dataset("gaussians", n_samples=91, seed=0)
    rng = np.random.default_rng(5)
    train_rows, val_rows = ds._split_rows(data.y, data.n_classes, 0.25, rng)
    assert not set(train_rows) & set(val_rows)
    assert sorted([*train_rows, *val_rows]) == list(range(91))
    train, val = split(data, val_fraction=0.25, seed=5)
    np.testing.assert_allclose(train.X, train.transform(data.X[train_rows]))
    np.testing.assert_allclose(val.X, train.transform(data.X[val_rows]))


@pytest.mark.parametrize("name", ["seed-report", "moons", "wine"])
def test_split_standardises_with_training_statistics(name):
    data = load_dataset(name, noise=0.2, seed=3)
    train, val = split(data, val_fraction=0.4, seed=3)
    np.testing.assert_allclose(train.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(train.X.std(axis=0), 1.0)
    np.testing.assert_array_equal(val.mean, train.mean)
    np.testing.assert_array_equal(val.scale, train.scale)
    assert not np.allclose(val.X.mean(axis=0), 0.0, atol=1e-6)  # not its own stats


def test_split_depends_on_its_seed():
    data = load_dataset("moons", seed=0)
    a, _ = split(data, seed=1)
    b, _ = split(data, seed=1)
    c, _ = split(data, seed=2)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.y, c.y) or not np.array_equal(a.X, c.X)


def test_val_fraction_zero_standardises_everything():
    data = load_dataset("iris")
    train, val = split(data, val_fraction=0.0)
    assert val is None
    assert train.n_samples == data.n_samples
    np.testing.assert_array_equal(train.y, data.y)
    np.testing.assert_allclose(train.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(train.X.std(axis=0), 1.0)
    np.testing.assert_allclose(train.transform(data.X), train.X)


def test_split_of_a_scaled_part_maps_raw_inputs():
    data = load_dataset("wine")
    first, _ = split(data, val_fraction=0.5, seed=0)
    second, rest = split(first, val_fraction=0.5, seed=0)
    raw = np.concatenate([second.X, rest.X]) * second.scale + second.mean
    first_raw = first.X * first.scale + first.mean
    np.testing.assert_allclose(_rows_sorted(raw), _rows_sorted(first_raw), atol=1e-9)
    np.testing.assert_allclose(second.transform(raw[: second.n_samples]), second.X)


def test_split_keeps_a_lone_sample_for_training():
    data = Dataset(
        np.arange(14.0).reshape(7, 2), [0, 0, 0, 1, 1, 1, 2], ("a", "b"), "pqr", "t"
    )
    train, val = split(data, val_fraction=0.5)
    assert np.bincount(train.y, minlength=3).tolist() == [1, 1, 1]
    assert np.bincount(val.y, minlength=3).tolist() == [2, 2, 0]
    assert val.n_classes == 3


def test_split_refuses_data_missing_a_class():
    data = Dataset(np.zeros((4, 1)), [0, 0, 1, 1], ("a",), ("p", "q", "r"), "t")
    with pytest.raises(ValueError, match="class 'r'"):
        split(data)


def test_constant_column_gets_scale_one():
    X = np.column_stack([np.full(6, 0.1), np.arange(6.0)])
    train, _ = split(Dataset(X, [0, 1] * 3, ("c", "v"), ("p", "q"), "t"), 0.0)
    assert train.scale[0] == 1.0
    np.testing.assert_allclose(train.X[:, 0], 0.0, atol=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"val_fraction": 1.5}, "1.5"),
        ({"val_fraction": 1}, "1"),
        ({"val_fraction": -0.1}, "-0.1"),
        ({"val_fraction": float("nan")}, "nan"),
        ({"val_fraction": "half"}, "half"),
        ({"seed": -3}, "-3"),
    ],
)
def test_split_rejects_bad_arguments(kwargs, shown):
    data = load_dataset("moons")
    with pytest.raises(ValueError) as err:
        split(data, **kwargs)
    assert shown in str(err.value)


def test_split_rejects_what_is_not_a_dataset():
    with pytest.raises(ValueError, match="ndarray"):
        split(np.zeros((4, 2)))


# ---------------------------------------------------------------- Dataset itself


def test_dataset_copies_its_inputs_and_leaves_them_alone():
    X = np.arange(8.0).reshape(4, 2)
    y = np.array([0, 1, 0, 1])
    data = Dataset(X, y, ["a", "b"], ["p", "q"], "t")
    assert X.flags.writeable and y.flags.writeable
    X[0, 0] = 99.0
    assert data.X[0, 0] == 0.0
    assert data.feature_names == ("a", "b")


def test_dataset_survives_pickling_read_only():
    train, _ = split(load_dataset("iris"))
    back = pickle.loads(pickle.dumps(train))
    np.testing.assert_array_equal(back.X, train.X)
    np.testing.assert_array_equal(back.mean, train.mean)
    assert not back.X.flags.writeable and not back.mean.flags.writeable


@pytest.mark.parametrize(
    "fields",
    [
        {"feature_names": ("a",)},
        {"y": [0, 1, 2, 1]},
        {"y": [0, 1, 0]},
        {"X": [[0.0, np.nan]] * 4},
        {"class_names": ()},
        {"mean": [0.0, 0.0]},
        {"mean": [0.0, 0.0], "scale": [1.0, 0.0]},
    ],
)
def test_dataset_rejects_inconsistent_fields(fields):
    base = {
        "X": np.zeros((4, 2)),
        "y": [0, 1, 0, 1],
        "feature_names": ("a", "b"),
        "class_names": ("p", "q"),
        "name": "t",
    }
    with pytest.raises(ValueError):
        Dataset(**(base | fields))


def test_transform_checks_its_input():
    train, _ = split(load_dataset("moons"))
    with pytest.raises(ValueError, match="2 features"):
        train.transform(np.zeros((3, 3)))
    raw = Dataset(np.ones((4, 2)), [0, 1, 0, 1], ("a", "b"), ("p", "q"), "t")
    grid = np.array([[1.0, 2.0]])
    np.testing.assert_array_equal(raw.transform(grid), grid)


# ---------------------------------------------------------------- uploads


def test_good_table_with_text_labels():
    columns = {
        "height": [1.5, "2.5", " 3 ", 4, 5.0, 6],
        "width": np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
        "kind": ["dog", "cat ", "dog", "cat", "bird", "bird"],
    }
    data = dataset_from_columns(columns, "kind", name="pets.csv")
    assert data.name == "pets.csv"
    assert data.feature_names == ("height", "width")
    assert data.class_names == ("bird", "cat", "dog")
    assert data.y.tolist() == [2, 1, 2, 1, 0, 0]
    np.testing.assert_array_equal(data.X[:, 0], [1.5, 2.5, 3, 4, 5, 6])
    assert data.X.dtype == np.float64 and data.y.dtype == np.int64
    assert data.mean is None and not data.X.flags.writeable
    assert isinstance(columns["height"][1], str)  # the input is left alone


def test_number_labels_sort_numerically():
    columns = {"x": list(range(6)), "label": [10, 2, 10, 2.0, 1, 1]}
    data = dataset_from_columns(columns, "label")
    assert data.class_names == ("1", "2", "10")
    assert data.y.tolist() == [2, 1, 2, 1, 0, 0]


def _table(**changes):
    base = {"a": [1.0, 2.0, 3.0, 4.0], "b": [5, 6, 7, 8], "y": ["p", "q", "p", "q"]}
    return base | changes


BAD_TABLES = {
    "empty": ({}, "empty"),
    "only label": ({"y": ["p", "q", "p", "q"]}, "at least one feature column"),
    "missing label": ({"a": [1, 2, 3, 4], "z": ["p", "q", "p", "q"]}, "no column"),
    "one class": (_table(y=["p"] * 4), "only one class"),
    "too few rows": (
        {"a": [1, 2, 3], "y": ["p", "q", "p"]},
        "at least 4",
    ),
    "non-numeric": (_table(a=[1, 2, "three point " * 8, 4]), "'three point three"),
    "nan": (_table(a=[1, float("nan"), float("nan"), 4]), "2 empty or missing"),
    "inf": (_table(b=np.array([1.0, np.inf, 3.0, 4.0])), "1 infinite"),
    "blank string": (_table(b=["5", " ", "7", "8"]), "'b' has 1 empty"),
    "None cell": (_table(b=[5, None, 7, 8]), "'b' has 1 empty"),
    "blank label": (_table(y=["p", "q", "", "q"]), "label column 'y' has 1 empty"),
    "ragged": (_table(b=[5, 6, 7]), "same number of rows"),
    "text column": (_table(b="5678"), "should be a list"),
    "single sample class": (_table(y=["p", "q", "p", "r"]), "'r'"),
    "not a mapping": ([[1, 2], [3, 4]], "must map column names"),
}


@pytest.mark.parametrize("case", BAD_TABLES, ids=list(BAD_TABLES))
def test_bad_tables_are_rejected_with_a_clear_message(case):
    columns, fragment = BAD_TABLES[case]
    with pytest.raises(ValueError) as err:
        dataset_from_columns(columns, "y")
    assert fragment in str(err.value)


def test_many_distinct_labels_are_not_taken_for_classes():
    n = 1000
    columns = {
        "x": np.arange(n, dtype=float),
        "id": [f"row {i // 2}" for i in range(n)],
    }
    with pytest.raises(ValueError, match="500 different values") as err:
        dataset_from_columns(columns, "id")
    assert "probably not a class label" in str(err.value)


def test_bad_value_is_shown_short():
    with pytest.raises(ValueError) as err:
        dataset_from_columns(_table(a=[1, 2, "x" * 500, 4]), "y")
    assert "row 3" in str(err.value)
    assert len(str(err.value)) < 120


@pytest.mark.parametrize(
    ("limit", "value", "columns", "fragment"),
    [
        ("MAX_ROWS", 5, {"a": list(range(6)), "y": [0, 1] * 3}, "6 rows"),
        (
            "MAX_FEATURES",
            2,
            {"a": [1] * 4, "b": [2] * 4, "c": [3] * 4, "y": [0, 1] * 2},
            "3 feature columns",
        ),
        (
            "MAX_CELLS",
            7,
            {"a": [1] * 4, "b": [2] * 4, "y": [0, 1] * 2},
            "8 numbers",
        ),
    ],
)
def test_size_limits(monkeypatch, limit, value, columns, fragment):
    dataset_from_columns(columns, "y")  # fine under the real limits
    monkeypatch.setattr(ds, limit, value)
    with pytest.raises(ValueError, match=fragment):
        dataset_from_columns(columns, "y")


def test_limits_are_exposed_with_the_documented_values():
    assert (ds.MAX_ROWS, ds.MAX_FEATURES, ds.MAX_CLASSES) == (100_000, 1_000, 50)
