"""Weights files (.npz, as ``downloads.weights_npz`` writes them) read back safely.

Nothing user-supplied is ever unpickled: ``np.load(..., allow_pickle=False)`` only,
after a look at the zip's table of contents, since a few compressed kilobytes can
unpack to gigabytes. Every problem is a ValueError in a sentence a user can act
on. No Streamlit here.
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np
from numpy.lib import format as npy_format

import nn_core as nn
from dashboard.run import Run, advance
from dashboard.settings import DataSpec
from nn_core import optimizers
from nn_core.training import initial_state
from nn_core.validation import MAX_HIDDEN_LAYERS
from wording import WEIGHTS_ERRORS as ERRORS

MAX_FILE_BYTES = 5 * 1024 * 1024  # as server.maxUploadSize in .streamlit/config.toml
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all arrays together, once decompressed
MAX_MEMBERS = 3 * (MAX_HIDDEN_LAYERS + 1) + 8  # W, b, theta per layer, and the rest
REQUIRED = ("mean", "scale", "activations")


@dataclass(frozen=True)
class Weights:
    """What a weights file holds, checked: a network and the scaling of its inputs."""

    network: nn.Network
    mean: np.ndarray  # (n_features,): inputs are standardised as (X - mean) / scale
    scale: np.ndarray  # (n_features,), > 0
    feature_names: tuple[str, ...] | None
    class_names: tuple[str, ...] | None
    epoch: int | None  # how long it had trained, if the file says


# What a damaged archive or array can raise while it is read.
DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    KeyError,
    RuntimeError,  # e.g. an encrypted member
    NotImplementedError,  # e.g. an unknown compression method
    struct.error,
    zlib.error,
)


def _check_size(raw: bytes) -> None:
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(
            ERRORS["too_big"].format(
                size_mb=len(raw) / 2**20, limit_mb=MAX_FILE_BYTES / 2**20
            )
        )
    if not raw:
        raise ValueError(ERRORS["empty"])


def _check_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """An array's header, read before its data: no objects, and no shape larger
    than the bytes stored (else np.load would allocate whatever a header claims)."""
    with archive.open(member) as stream:
        try:
            version = npy_format.read_magic(stream)
            read = {
                (1, 0): npy_format.read_array_header_1_0,
                (2, 0): npy_format.read_array_header_2_0,
            }[version]
            shape, _, dtype = read(stream)
        except (ValueError, KeyError):
            message = ERRORS["array_damaged"].format(name=member.filename)
            raise ValueError(message) from None
    if dtype.hasobject:
        raise ValueError(ERRORS["objects"])
    if math.prod(shape) * dtype.itemsize > member.file_size:
        raise ValueError(ERRORS["claims_more"].format(name=member.filename))


def _check_archive(raw: bytes) -> None:
    """The file is a zip of at most a few .npy arrays, within the size limits."""
    _check_size(raw)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except DAMAGED:
        raise ValueError(ERRORS["not_npz"]) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or any(
            not m.filename.endswith(".npy") for m in members
        ):
            raise ValueError(ERRORS["other_things"])
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValueError(
                ERRORS["unpacks"].format(
                    size_mb=unpacked / 2**20, limit_mb=MAX_UNPACKED_BYTES / 2**20
                )
            )
        for member in members:
            _check_member(archive, member)


def _arrays(raw: bytes) -> dict[str, np.ndarray]:
    """Every array in the file, loaded without pickles."""
    try:
        _check_archive(raw)
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except ValueError as exc:
        if "allow_pickle" in str(exc):  # object arrays refuse to load: good
            raise ValueError(ERRORS["objects"]) from None
        raise
    except DAMAGED as exc:
        message = ERRORS["damaged"].format(error=type(exc).__name__)
        raise ValueError(message) from None


def _numbers(name: str, a: np.ndarray, ndim: int) -> np.ndarray:
    """A finite float array of the given rank, as float64."""
    if a.dtype.kind not in "fiu" or a.ndim != ndim:
        raise ValueError(
            ERRORS["not_numbers"].format(
                name=name, ndim=ndim, shape=a.shape, dtype=a.dtype
            )
        )
    a = a.astype(np.float64)
    bad = int(a.size - np.isfinite(a).sum())
    if bad:
        raise ValueError(ERRORS["not_finite"].format(name=name, bad=bad))
    return a


def _names(arrays: dict[str, np.ndarray], key: str) -> tuple[str, ...] | None:
    a = arrays.get(key)
    if a is None:
        return None
    if a.dtype.kind != "U" or a.ndim != 1:
        raise ValueError(ERRORS["not_names"].format(name=key, dtype=a.dtype))
    return tuple(str(s) for s in a)


def _layer_count(arrays: dict[str, np.ndarray]) -> int:
    missing = [key for key in (*REQUIRED, "W1", "b1", "W2", "b2") if key not in arrays]
    if missing:
        raise ValueError(ERRORS["missing"].format(names=", ".join(missing)))
    count = 2
    while f"W{count + 1}" in arrays:
        count += 1
    if count > MAX_HIDDEN_LAYERS + 1:
        raise ValueError(
            ERRORS["too_deep"].format(n_hidden=count - 1, limit=MAX_HIDDEN_LAYERS)
        )
    return count


def _activations(arrays: dict[str, np.ndarray], n_hidden: int) -> tuple[str, ...]:
    names = _names(arrays, "activations")
    if names is None or len(names) != n_hidden:
        raise ValueError(ERRORS["activations"].format(n_hidden=n_hidden, names=names))
    unknown = [n for n in names if n not in nn.ACTIVATIONS]
    if unknown:
        shown = ", ".join(map(repr, unknown))
        raise ValueError(ERRORS["unknown"].format(names=shown))
    return names


def _layer(arrays: dict[str, np.ndarray], i: int, n_in: int, k: int) -> nn.Layer:
    """Layer i (1-based), its shapes checked against the layer before."""
    W = _numbers(f"W{i}", arrays[f"W{i}"], 2)
    if W.shape[0] != n_in:
        raise ValueError(ERRORS["W_rows"].format(layer=i, n_in=n_in, shape=W.shape))
    n_out = W.shape[1]
    b = _numbers(f"b{i}", arrays.get(f"b{i}", np.zeros(0)), 1)
    if b.shape != (n_out,):
        raise ValueError(ERRORS["b_shape"].format(layer=i, n_out=n_out, shape=b.shape))
    theta = arrays.get(f"theta{i}", np.zeros((n_out, 0)))
    theta = _numbers(f"theta{i}", theta, 2)
    if theta.shape != (n_out, k):
        raise ValueError(
            ERRORS["theta_shape"].format(layer=i, n_out=n_out, k=k, shape=theta.shape)
        )
    return nn.Layer(W, b, theta)


def read_weights(raw: bytes) -> Weights:
    """The checked contents of a weights file; ValueError saying what is wrong."""
    arrays = _arrays(raw)
    count = _layer_count(arrays)
    activations = _activations(arrays, count - 1)
    mean = _numbers("mean", arrays["mean"], 1)
    scale = _numbers("scale", arrays["scale"], 1)
    if mean.shape != scale.shape or np.any(scale <= 0):
        raise ValueError(ERRORS["scaling"])
    layers = []
    n_in = len(mean)
    for i in range(1, count + 1):
        k = nn.ACTIVATIONS[activations[i - 1]].k if i < count else 0
        layers.append(_layer(arrays, i, n_in, k))
        n_in = layers[-1].W.shape[1]
    if layers[-1].W.shape[1] < 2:
        raise ValueError(ERRORS["classes"])
    epoch = None
    if "epoch" in arrays:
        value = arrays["epoch"]
        if value.shape != () or value.dtype.kind not in "iu" or value < 0:
            raise ValueError(ERRORS["epoch"].format(value=value))
        epoch = int(value)
    return Weights(
        nn.Network(tuple(layers), activations),
        mean,
        scale,
        _names(arrays, "feature_names"),
        _names(arrays, "class_names"),
        epoch,
    )


def check_fits(weights: Weights, train: nn.Dataset, config: nn.TrainConfig) -> None:
    """ValueError unless the file's network fits the current data and settings."""
    sizes = weights.network.sizes
    if sizes[0] != train.n_features or sizes[-1] != train.n_classes:
        raise ValueError(
            ERRORS["sizes"].format(
                n_in=sizes[0],
                n_out=sizes[-1],
                n_features=train.n_features,
                n_classes=train.n_classes,
            )
        )
    for what, theirs, ours in (
        ("feature", weights.feature_names, train.feature_names),
        ("class", weights.class_names, train.class_names),
    ):
        if theirs is not None and theirs != ours:
            raise ValueError(
                ERRORS["names"].format(
                    what=ERRORS[what], theirs=_list(theirs), ours=_list(ours)
                )
            )
    if sizes[1:-1] != config.hidden_layers:
        raise ValueError(
            ERRORS["hidden"].format(
                theirs=_units(sizes[1:-1]), ours=_units(config.hidden_layers)
            )
        )
    if weights.network.activations != config.activations:
        raise ValueError(
            ERRORS["act_mismatch"].format(
                theirs=_list(weights.network.activations),
                ours=_list(config.activations),
            )
        )


def _list(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    return f"({shown})"


def _units(layers: tuple[int, ...]) -> str:
    return ERRORS["units"].format(units=" + ".join(map(str, layers)))


def rescaled(data: nn.Dataset | None, mean: np.ndarray, scale: np.ndarray):
    """The same samples standardised with another mean and scale (None stays None).

    A network only makes sense on inputs scaled as in its own training.
    """
    if data is None:
        return None
    raw = data.X if data.mean is None else data.X * data.scale + data.mean
    return nn.Dataset(
        (raw - mean) / scale,
        data.y,
        data.feature_names,
        data.class_names,
        data.name,
        mean,
        scale,
    )


def start_state(network: nn.Network, config: nn.TrainConfig) -> nn.TrainState:
    """Epoch 0 of a run that starts from the given network instead of a random one."""
    sizes = network.sizes
    fresh = initial_state(sizes[0], sizes[-1], config)
    layers = tuple(
        nn.Layer(*(np.array(p, dtype=config.dtype) for p in layer))
        for layer in network.layers
    )
    for layer in layers:
        for p in layer:
            p.setflags(write=False)
    net = nn.Network(layers, network.activations)
    opt = optimizers.init_state(config.optimizer, net)
    return fresh._replace(network=net, optimizer=opt, initial_loss=math.nan)


def run_from_weights(
    weights: Weights,
    run_id: int,
    spec: DataSpec,
    train: nn.Dataset,
    val: nn.Dataset | None,
    config: nn.TrainConfig,
) -> Run:
    """A run at epoch 0 whose network is the file's, on data scaled as the file's."""
    check_fits(weights, train, config)
    train = rescaled(train, weights.mean, weights.scale)
    val = rescaled(val, weights.mean, weights.scale)
    empty = Run(run_id, spec, train, val, config, start_state(weights.network, config))
    run = advance(empty, math.inf, max_epochs=1)  # record 0 of the loaded network
    if run.diverged is not None or not run.history:
        reason = run.diverged.reason if run.diverged else ERRORS["no_loss"]
        raise ValueError(ERRORS["not_evaluated"].format(reason=reason))
    return run
