"""Learning Activations' network core: pure NumPy, no UI.

A dense network with softmax output and cross-entropy loss, trained by explicit
backpropagation. See shared/DESIGN.md section 3 for the contract of this API.
"""

from . import sweep
from .activations import ACTIVATIONS, Activation, get_activation
from .datasets import (
    DATASET_NAMES,
    Dataset,
    dataset_from_columns,
    load_dataset,
    split,
)
from .gradcheck import check_gradients, numerical_grads, relative_error
from .losses import cross_entropy, log_softmax, softmax
from .network import (
    Layer,
    Network,
    Trace,
    backward,
    forward,
    init_network,
    loss_and_grads,
    predict_proba,
)
from .optimizers import OPTIMIZERS, OptState
from .training import (
    EpochStats,
    TrainConfig,
    TrainingDiverged,
    TrainResult,
    TrainState,
    fit,
    train,
)

__all__ = [
    "ACTIVATIONS",
    "DATASET_NAMES",
    "OPTIMIZERS",
    "Activation",
    "Dataset",
    "EpochStats",
    "Layer",
    "Network",
    "OptState",
    "Trace",
    "TrainConfig",
    "TrainResult",
    "TrainState",
    "TrainingDiverged",
    "backward",
    "check_gradients",
    "cross_entropy",
    "dataset_from_columns",
    "fit",
    "forward",
    "get_activation",
    "init_network",
    "load_dataset",
    "log_softmax",
    "loss_and_grads",
    "numerical_grads",
    "predict_proba",
    "relative_error",
    "softmax",
    "split",
    "sweep",
    "train",
]
